// Simulated CEX (Binance, Bybit, OKX): spot and linear USDT perps with taker fees and bucketed
// slippage, variation margin every tick, funding at each settlement on size × mark, and
// liquidation (close at mark, forfeit the venue's USDT) below maintenance margin.
import type { Handshake, Order } from "../messages/orders";
import type { Operation } from "../messages/orders";
import type { KeyRegistry } from "../core/position-keys";
import { fundingCash, variationMargin } from "../math/perps";
import type { CexVenue, PositionVenue } from "../types";
import { GAS_UNITS, type CostModel } from "./cost-model";
import type { Venue } from "./venue";

/** A CEX order with a resting stop's fill: filled at `fillPrice` (± slippage) instead of the mark. */
export interface CexOrder extends Order {
  /** Level (or gap open) at which a resting stop filled during the last completed bar, USDT. */
  readonly fillPrice?: number;
}

export interface CexMarket {
  /** Spot valuation price (USDT) per asset traded spot here. */
  readonly spot: Readonly<Record<string, Float64Array>>;
  /** Perp mark per asset (the perp bar's open at this venue). */
  readonly mark: Readonly<Record<string, Float64Array>>;
  /** Funding rate per asset at settlement ticks, NaN elsewhere. */
  readonly funding: Readonly<Record<string, Float64Array>>;
  readonly gasGwei: Float64Array;
  readonly ethUsdt: Float64Array;
  readonly maintenanceMarginRatio: number;
  /** Extra margin collateral (BTC-margined perps): this asset's balance here at `price` USDT counts as margin. */
  readonly collateral?: { readonly asset: string; readonly price: Float64Array };
}

interface PerpBook {
  readonly asset: string;
  readonly sizeSlot: number;
  readonly mark: Float64Array;
  readonly funding: Float64Array;
}

export class SimulatedCex implements Venue {
  readonly id: CexVenue;
  readonly venues: readonly PositionVenue[];
  readonly operations: readonly Operation[] = ["spot_trade", "perp_trade", "transfer"];
  private readonly book: Float64Array;
  private readonly owned: Int32Array;
  private readonly keys: KeyRegistry;
  private readonly market: CexMarket;
  private readonly cost: CostModel;
  private readonly usdtSlot: number;
  private readonly collateralSlot: number;
  private readonly perps: PerpBook[];
  /** Liquidations this venue performed (tests compare with the ledger's). */
  liquidations = 0;

  constructor(id: CexVenue, keys: KeyRegistry, market: CexMarket, cost: CostModel) {
    this.id = id;
    this.venues = [id];
    this.keys = keys;
    this.market = market;
    this.cost = cost;
    this.book = new Float64Array(keys.size);
    this.owned = Int32Array.from(keys.keys.flatMap((k, i) => (k.venue === id ? [i] : [])));
    this.usdtSlot = keys.find(`${id}:BaseToken:USDT`);
    this.collateralSlot = market.collateral ? keys.find(`${id}:BaseToken:${market.collateral.asset}`) : -1;
    this.perps = Object.keys(market.mark).flatMap((asset) => {
      const sizeSlot = keys.find(`${id}:Perp:${asset}USDT`);
      const mark = market.mark[asset];
      const funding = market.funding[asset];
      return sizeSlot >= 0 && mark && funding ? [{ asset, sizeSlot, mark, funding }] : [];
    });
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

  submit(order: Order, k: number, hs: Handshake): void {
    if (this.usdtSlot < 0) return this.fail(hs, "POS-002", `${this.id} has no USDT key`);
    const usdt = this.book[this.usdtSlot] as number;
    if (!(order.amount > 0) || !Number.isFinite(order.amount)) return this.fail(hs, "EXEC-007", `bad amount ${order.amount}`);
    if (order.operation === "spot_trade") {
      const px = this.market.spot[order.asset]?.[k];
      const slot = this.keys.find(`${this.id}:BaseToken:${order.asset}`);
      if (px === undefined || slot < 0) return this.fail(hs, "VEN-001", `${this.id} has no spot market for ${order.asset}`);
      const q = order.amount;
      const notional = q * px;
      const slip = this.cost.spotSlippage(order.asset, notional);
      const buy = order.side === "buy";
      const exec = buy ? px * (1 + slip) : px * (1 - slip);
      const fee = this.cost.takerFee(this.id) * q * exec;
      if (buy) {
        const spend = q * exec + fee;
        if (spend > usdt * (1 + 1e-12)) return this.fail(hs, "EXEC-007", `${this.id} spot buy needs ${spend} USDT, has ${usdt}`);
        this.apply(hs, this.usdtSlot, -spend);
        this.apply(hs, slot, q);
      } else {
        const held = this.book[slot] as number;
        if (q > held * (1 + 1e-12)) return this.fail(hs, "EXEC-007", `${this.id} spot sell of ${q} ${order.asset} exceeds ${held}`);
        this.apply(hs, slot, q >= held ? -held : -q);
        this.apply(hs, this.usdtSlot, q * exec - fee);
      }
      hs.execPrice = exec;
      hs.markPrice = px;
      hs.feeUsdt = fee;
      hs.costUsdt = q * Math.abs(exec - px) + fee;
      hs.notionalUsdt = notional;
      return;
    }
    if (order.operation === "perp_trade") {
      const perp = this.perps.find((p) => p.asset === order.asset);
      if (!perp) return this.fail(hs, "VEN-001", `${this.id} has no ${order.asset} perp`);
      const m = perp.mark[k] as number;
      const q = order.amount;
      const notional = q * m;
      const slip = this.cost.perpSlippage(notional);
      const dSize = order.side === "buy" ? q : -q;
      const level = (order as CexOrder).fillPrice;
      const ref = level !== undefined && level > 0 ? level : m;
      const exec = dSize > 0 ? ref * (1 + slip) : ref * (1 - slip);
      const fee = this.cost.takerFee(this.id) * q * exec;
      // the position is marked at M immediately, so the fill realises dSize·(M − exec) − fee; of that,
      // dSize·(M − level) is the price move between a stop's fill and this tick's mark (price PnL)
      const cash = dSize * (m - exec) - fee;
      hs.pricePnlUsdt = dSize * (m - ref);
      if (usdt + cash + this.collateralValue(k) < 0) return this.fail(hs, "EXEC-007", `${this.id} perp trade needs ${-cash} USDT, has ${usdt}`);
      this.apply(hs, perp.sizeSlot, dSize);
      this.apply(hs, this.usdtSlot, cash);
      hs.execPrice = exec;
      hs.markPrice = m;
      hs.feeUsdt = fee;
      hs.costUsdt = hs.pricePnlUsdt - cash;
      hs.notionalUsdt = notional;
      return;
    }
    if (order.operation === "transfer") {
      if (order.asset !== "USDT") return this.fail(hs, "VEN-001", `${this.id} transfers only USDT`);
      if (order.amount > usdt * (1 + 1e-12)) return this.fail(hs, "EXEC-007", `${this.id} transfer of ${order.amount} exceeds ${usdt} USDT`);
      // CEX withdrawals deduct their on-chain gas from the amount sent
      const gasEth = this.cost.gasEth(GAS_UNITS.VENUE_TRANSFER, this.market.gasGwei[k] as number);
      const gasUsdt = gasEth * (this.market.ethUsdt[k] as number);
      if (gasUsdt >= order.amount) return this.fail(hs, "EXEC-007", `transfer of ${order.amount} USDT does not cover its gas ${gasUsdt}`);
      this.apply(hs, this.usdtSlot, order.amount >= usdt ? -usdt : -order.amount);
      hs.gasEth = gasEth;
      hs.transferAmount = order.amount - gasUsdt;
      return;
    }
    this.fail(hs, "VEN-001", `operation ${order.operation} has no route on ${this.id}`);
  }

  /** USDT value of the margin collateral held here (0 without one). */
  private collateralValue(k: number): number {
    const c = this.market.collateral;
    return c && this.collateralSlot >= 0 ? (this.book[this.collateralSlot] as number) * (c.price[k] as number) : 0;
  }

  receiveTransfer(venue: PositionVenue, asset: string, amount: number, hs: Handshake): void {
    this.apply(hs, this.keys.slot(`${venue}:BaseToken:${asset}`), amount);
  }

  settle(k: number): void {
    if (this.usdtSlot < 0) return;
    const b = this.book;
    for (let j = 0; j < this.perps.length; j++) {
      const p = this.perps[j] as PerpBook;
      const size = b[p.sizeSlot] as number;
      if (size === 0) continue;
      const m = p.mark[k] as number;
      if (k > 0) b[this.usdtSlot] = (b[this.usdtSlot] as number) + variationMargin(size, p.mark[k - 1] as number, m);
      const f = p.funding[k] as number;
      if (f === f) b[this.usdtSlot] = (b[this.usdtSlot] as number) + fundingCash(size, m, f);
      if ((b[this.usdtSlot] as number) + this.collateralValue(k) < this.market.maintenanceMarginRatio * Math.abs(size) * m) {
        b[p.sizeSlot] = 0;
        b[this.usdtSlot] = 0;
        if (this.collateralSlot >= 0) b[this.collateralSlot] = 0;
        this.liquidations++;
      }
    }
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
