// Simulated on-chain venue: the wallet and AAVE v3 (supply/withdraw accruing by the real
// liquidity index; scaled aToken balances), paying gas from wallet ETH, else in USDT at the ETH price.
import type { Handshake, Order } from "../messages/orders";
import type { Operation } from "../messages/orders";
import type { KeyRegistry } from "../core/position-keys";
import type { PositionVenue } from "../types";
import { GAS_UNITS, type CostModel } from "./cost-model";
import type { Venue } from "./venue";

export interface ChainMarket {
  /** Liquidity index per AAVE reserve (USDT, WETH, …), aligned to ticks. */
  readonly liquidityIndex: Readonly<Record<string, Float64Array>>;
  readonly gasGwei: Float64Array;
  /** ETH price in USDT per tick (gas paid in USDT when the wallet holds no ETH). */
  readonly ethUsdt: Float64Array;
}

/** Wallet symbol ↔ AAVE reserve: WETH is wrapped 1:1 at no cost, so wallet ETH supplies the WETH reserve. */
const RESERVE_OF: Readonly<Record<string, string>> = { USDT: "USDT", ETH: "WETH" };

export class SimulatedChain implements Venue {
  readonly venues: readonly PositionVenue[] = ["wallet", "aave_v3"];
  readonly operations: readonly Operation[] = ["supply", "withdraw", "transfer"];
  private readonly book: Float64Array;
  private readonly owned: Int32Array;
  private readonly keys: KeyRegistry;
  private readonly market: ChainMarket;
  private readonly cost: CostModel;
  private readonly approved = new Set<string>();
  private readonly walletEth: number;
  private readonly walletUsdt: number;

  constructor(keys: KeyRegistry, market: ChainMarket, cost: CostModel) {
    this.keys = keys;
    this.market = market;
    this.cost = cost;
    this.book = new Float64Array(keys.size);
    this.owned = Int32Array.from(keys.keys.flatMap((k, i) => (k.venue === "wallet" || k.venue === "aave_v3" ? [i] : [])));
    this.walletEth = keys.find("wallet:BaseToken:ETH");
    this.walletUsdt = keys.find("wallet:BaseToken:USDT");
  }

  /** Opening balance (capital starts in the on-chain wallet). */
  fund(slot: number, amount: number): void {
    this.book[slot] = (this.book[slot] as number) + amount;
  }

  private apply(hs: Handshake, slot: number, amount: number): void {
    this.book[slot] = (this.book[slot] as number) + amount;
    hs.deltas.push(slot, amount);
  }

  private fail(hs: Handshake, code: string, detail: string): void {
    hs.status = "failed";
    hs.errorCode = code;
    hs.errorDetail = detail;
  }

  /** Pays gas for `units`: wallet ETH first, else wallet USDT at the ETH price. False when unaffordable. */
  private payGas(units: number, k: number, hs: Handshake): boolean {
    const gasEth = this.cost.gasEth(units, this.market.gasGwei[k] as number);
    if (gasEth === 0) return true;
    // sizing leaves exactly the gas in the wallet, up to float rounding of (capital − amount): a
    // 1e-9 relative and 1e-8 absolute slack (the wallet may end a few 1e-9 units below zero)
    if (this.walletEth >= 0 && (this.book[this.walletEth] as number) >= gasEth * (1 - 1e-9) - 1e-8) {
      this.apply(hs, this.walletEth, -gasEth);
    } else if (this.walletUsdt >= 0) {
      const usdt = gasEth * (this.market.ethUsdt[k] as number);
      if ((this.book[this.walletUsdt] as number) < usdt * (1 - 1e-9) - 1e-8) return false;
      this.apply(hs, this.walletUsdt, -usdt);
    } else return false;
    hs.gasEth += gasEth;
    return true;
  }

  /** Gas in ETH an action would cost at tick k (for sizing). */
  gasQuoteEth(units: number, k: number): number {
    return this.cost.gasEth(units, this.market.gasGwei[k] as number);
  }

  submit(order: Order, k: number, hs: Handshake): void {
    const reserve = RESERVE_OF[order.asset];
    if (order.operation === "transfer") {
      const src = this.keys.find(`wallet:BaseToken:${order.asset}`);
      if (src < 0) return this.fail(hs, "POS-002", `wallet holds no ${order.asset} key`);
      if (!(order.amount > 0) || (this.book[src] as number) < order.amount * (1 - 1e-12)) {
        return this.fail(hs, "EXEC-007", `transfer of ${order.amount} ${order.asset} exceeds wallet balance ${this.book[src]}`);
      }
      this.apply(hs, src, -order.amount);
      // no destination: capital paid out to the client (a withdrawal), whose side pays any gas
      if (order.toVenue && !this.payGas(GAS_UNITS.VENUE_TRANSFER, k, hs)) return this.fail(hs, "EXEC-007", "wallet cannot pay transfer gas");
      hs.transferAmount = order.amount;
      return;
    }
    if (!reserve) return this.fail(hs, "VEN-001", `no AAVE reserve for ${order.asset}`);
    const walletSlot = this.keys.find(`wallet:BaseToken:${order.asset}`);
    const aSlot = this.keys.find(`aave_v3:aToken:a${reserve}`);
    if (walletSlot < 0 || aSlot < 0) return this.fail(hs, "POS-002", `keys for ${order.asset} supply are not declared`);
    const index = this.market.liquidityIndex[reserve]?.[k];
    if (index === undefined) return this.fail(hs, "VEN-001", `no index for reserve ${reserve}`);
    if (order.operation === "supply") {
      let units = GAS_UNITS.COLLATERAL_SUPPLIED;
      if (!this.approved.has(reserve)) units += GAS_UNITS.APPROVAL_ONCE;
      if (!(order.amount > 0) || (this.book[walletSlot] as number) < order.amount * (1 - 1e-12)) {
        return this.fail(hs, "EXEC-007", `supply of ${order.amount} ${order.asset} exceeds wallet balance ${this.book[walletSlot]}`);
      }
      this.apply(hs, walletSlot, -order.amount);
      this.apply(hs, aSlot, order.amount / index);
      if (!this.payGas(units, k, hs)) return this.fail(hs, "EXEC-007", "wallet cannot pay supply gas");
      this.approved.add(reserve);
      return;
    }
    if (order.operation === "withdraw") {
      const scaled = this.book[aSlot] as number;
      const available = scaled * index;
      const amount = Math.min(order.amount, available);
      if (!(amount > 0) || order.amount > available * (1 + 1e-12)) {
        return this.fail(hs, "EXEC-007", `withdrawal of ${order.amount} exceeds supplied ${available}`);
      }
      // burning the whole scaled balance on a full withdrawal avoids leaving float dust behind
      this.apply(hs, aSlot, amount >= available ? -scaled : -amount / index);
      this.apply(hs, walletSlot, amount);
      if (!this.payGas(GAS_UNITS.COLLATERAL_WITHDRAWN, k, hs)) return this.fail(hs, "EXEC-007", "wallet cannot pay withdrawal gas");
      return;
    }
    this.fail(hs, "VEN-001", `operation ${order.operation} has no route on the chain venue`);
  }

  receiveTransfer(venue: PositionVenue, asset: string, amount: number, hs: Handshake): void {
    const slot = this.keys.slot(`${venue}:BaseToken:${asset}`);
    this.apply(hs, slot, amount);
  }

  settle(_k: number): void {
    // aTokens accrue through the index: nothing to settle.
  }

  reportPositions(out: Float64Array): void {
    for (let j = 0; j < this.owned.length; j++) {
      const s = this.owned[j] as number;
      out[s] = this.book[s] as number;
    }
  }

  saveBook(): Float64Array {
    return Float64Array.from(this.book);
  }

  restoreBook(saved: Float64Array): void {
    this.book.set(saved);
  }
}
