// Execution manager: routes orders to venue interfaces one at a time (or as an all-or-nothing atomic
// group), hands confirmed fills to the position update handler (which runs the tight loop) and fails
// a backtest on any rejection (EXEC-007) or failed group (EXEC-005).
import { EngineComponent } from "../core/component";
import { EngineError, type ErrorCode, ERROR_REGISTRY } from "../core/errors";
import { createHandshake, resetHandshake, type Handshake, type Order } from "../messages/orders";
import type { PositionVenue } from "../types";
import type { Venue } from "../venues/venue";
import type { EventLogger } from "./event-logger";
import type { PositionMonitor } from "./position-monitor";
import type { PositionUpdateHandler } from "./position-update-handler";

export class ExecutionManager extends EngineComponent {
  private readonly routes = new Map<PositionVenue, Venue>();
  private readonly hs: Handshake = createHandshake();
  private readonly hsIn: Handshake = createHandshake();
  private readonly handler: PositionUpdateHandler;
  private readonly positions: PositionMonitor;
  private readonly log: EventLogger;
  private nextId = 1;
  orders = 0;

  constructor(venues: readonly Venue[], handler: PositionUpdateHandler, positions: PositionMonitor, log: EventLogger) {
    super("execution-manager");
    for (const v of venues) for (const pv of v.venues) this.routes.set(pv, v);
    this.handler = handler;
    this.positions = positions;
    this.log = log;
  }

  route(venue: PositionVenue): Venue {
    const v = this.routes.get(venue);
    if (!v) throw new EngineError("VEN-004", `no venue interface wired for ${venue}`);
    return v;
  }

  /** Checks at wiring that every operation the strategy will use has a route (VEN-001). */
  checkRoutes(needs: readonly { venue: PositionVenue; operation: Order["operation"] }[]): void {
    for (const n of needs) {
      if (!this.route(n.venue).operations.includes(n.operation)) throw new EngineError("VEN-001", `${n.venue} has no route for ${n.operation}`);
    }
  }

  /** Executes one order at tick k; returns the (reused) handshake. */
  execute(order: Order, k: number, t: number): Handshake {
    const hs = this.hs;
    const id = this.nextId++;
    resetHandshake(hs, id);
    const venue = this.route(order.venue);
    venue.submit(order, k, hs);
    if (hs.status !== "confirmed") {
      const code = (hs.errorCode ?? "EXEC-007") in ERROR_REGISTRY ? ((hs.errorCode ?? "EXEC-007") as ErrorCode) : "EXEC-007";
      this.log.emit(t, "OrderRejected", this.name, { orderId: id, operation: order.operation, asset: order.asset, amount: order.amount, code, detail: hs.errorDetail }, "CRITICAL", order.venue);
      throw new EngineError(code, `order ${id} ${order.operation} ${order.amount} ${order.asset} on ${order.venue}: ${hs.errorDetail}`);
    }
    if (order.operation === "transfer" && order.toVenue) {
      const dest = this.route(order.toVenue);
      resetHandshake(this.hsIn, id);
      dest.receiveTransfer(order.toVenue, order.asset, hs.transferAmount, this.hsIn);
      const d = this.hsIn.deltas;
      for (let j = 0; j < d.n; j++) hs.deltas.push(d.keys[j] as number, d.amounts[j] as number);
    }
    this.orders++;
    this.log.emit(
      t,
      order.operation === "transfer" ? "TransferCompleted" : "OrderFilled",
      this.name,
      {
        orderId: id,
        operation: order.operation,
        asset: order.asset,
        side: order.side ?? null,
        amount: order.amount,
        toVenue: order.toVenue ?? null,
        execPrice: Number.isNaN(hs.execPrice) ? null : hs.execPrice,
        fee: hs.feeUsdt,
        cost: hs.costUsdt,
        gasEth: hs.gasEth,
        reason: order.reason,
      },
      undefined,
      order.venue,
    );
    if (hs.gasEth > 0) this.log.emit(t, "GasPaid", this.name, { orderId: id, gasEth: hs.gasEth }, undefined, order.venue);
    this.handler.apply(hs, k);
    return hs;
  }

  /** Credits capital flowing into the book (a deposit) to `venue`; no costs, then the tight loop. */
  credit(venue: PositionVenue, asset: string, amount: number, k: number, t: number): void {
    const hs = this.hs;
    resetHandshake(hs, this.nextId++);
    this.route(venue).receiveTransfer(venue, asset, amount, hs);
    this.log.emit(t, "CapitalDeposited", this.name, { asset, amount }, undefined, venue);
    this.handler.apply(hs, k);
  }

  /** Executes orders all-or-nothing: on any failure every book and the ledger are restored (EXEC-005). */
  executeAtomic(orders: readonly Order[], k: number, t: number): void {
    const venues = [...new Set(this.routes.values())];
    const saved = venues.map((v) => v.saveBook());
    const ledger = Float64Array.from(this.positions.ledger);
    try {
      for (const o of orders) this.execute(o, k, t);
    } catch (e) {
      venues.forEach((v, i) => v.restoreBook(saved[i] as Float64Array));
      this.positions.ledger.set(ledger);
      this.log.emit(t, "AtomicGroupRolledBack", this.name, { orders: orders.length, detail: e instanceof Error ? e.message : String(e) }, "HIGH");
      throw new EngineError("EXEC-005", e instanceof Error ? e.message : String(e));
    }
  }
}
