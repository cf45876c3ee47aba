// Position monitor: the engine's `{key → amount}` ledger (a Float64Array over declared keys). In a
// backtest it also applies the tick's settlements (variation margin, funding, venue liquidations)
// from its own ledger; the simulated venues do the same on their books and reconciliation compares.
import { EngineComponent } from "../core/component";
import { fundingCash, variationMargin } from "../math/perps";
import type { CexVenue } from "../types";
import type { EventLogger } from "./event-logger";
import type { PnlCalculator } from "./pnl-calculator";
import type { KeyRegistry } from "../core/position-keys";

/** A perp position the ledger settles: size slot, the venue's USDT slot and market arrays. */
export interface PerpSlot {
  readonly venue: CexVenue;
  readonly asset: string;
  readonly sizeSlot: number;
  readonly usdtSlot: number;
  readonly mark: Float64Array;
  readonly funding: Float64Array;
  /** Extra margin collateral at the venue (BTC-margined perps: its BTC, valued at `price` USDT), forfeited with the USDT on liquidation. */
  readonly collateral?: { readonly slot: number; readonly price: Float64Array };
}

/** Margin balance of a perp venue in USDT: its USDT plus any collateral at the tick's price. */
export function marginBalance(p: PerpSlot, ledger: Float64Array, k: number): number {
  const c = p.collateral;
  return (ledger[p.usdtSlot] as number) + (c ? (ledger[c.slot] as number) * (c.price[k] as number) : 0);
}

export class PositionMonitor extends EngineComponent {
  readonly keys: KeyRegistry;
  readonly ledger: Float64Array;
  readonly perps: readonly PerpSlot[];
  private readonly maintenance: number;
  /** USDT value of one USDT in share-class currency, per tick. */
  private readonly usdtPx: Float64Array;
  private readonly pnl: PnlCalculator;
  private readonly log: EventLogger;
  readonly fundingByVenue: Record<CexVenue, number> = { binance: 0, bybit: 0, okx: 0 };
  liquidations = 0;

  constructor(keys: KeyRegistry, perps: readonly PerpSlot[], maintenance: number, usdtPx: Float64Array, pnl: PnlCalculator, log: EventLogger) {
    super("position-monitor");
    this.keys = keys;
    this.ledger = new Float64Array(keys.size);
    this.perps = perps;
    this.maintenance = maintenance;
    this.usdtPx = usdtPx;
    this.pnl = pnl;
    this.log = log;
  }

  /** Backtest settlements of tick k, in domain order: variation margin → funding → liquidations. */
  settle(k: number, t: number): void {
    const l = this.ledger;
    const px = this.usdtPx[k] as number;
    for (let j = 0; j < this.perps.length; j++) {
      const p = this.perps[j] as PerpSlot;
      const size = l[p.sizeSlot] as number;
      if (size === 0) continue;
      const m = p.mark[k] as number;
      if (k > 0) {
        const vm = variationMargin(size, p.mark[k - 1] as number, m);
        l[p.usdtSlot] = (l[p.usdtSlot] as number) + vm;
        this.pnl.incr[4] = (this.pnl.incr[4] as number) + vm * px;
      }
      const f = p.funding[k] as number;
      if (f === f) {
        const cash = fundingCash(size, m, f);
        l[p.usdtSlot] = (l[p.usdtSlot] as number) + cash;
        this.pnl.incr[0] = (this.pnl.incr[0] as number) + cash * px;
        this.fundingByVenue[p.venue] += cash * px;
        this.log.emit(t, "FundingSettled", this.name, { asset: p.asset, size, mark: m, rate: f, cash }, undefined, p.venue);
      }
      const balance = marginBalance(p, l, k);
      if (balance < this.maintenance * Math.abs(size) * m) {
        // the venue closes at mark and keeps the remaining margin: a penalty booked under fees
        l[p.sizeSlot] = 0;
        l[p.usdtSlot] = 0;
        if (p.collateral) l[p.collateral.slot] = 0;
        this.pnl.incr[5] = (this.pnl.incr[5] as number) - balance * px;
        this.liquidations++;
        this.log.emit(t, "PositionLiquidated", this.name, { asset: p.asset, size, mark: m, forfeited: balance }, "HIGH", p.venue);
      }
    }
  }

  applyDeltas(keys: Int32Array, amounts: Float64Array, n: number): void {
    const l = this.ledger;
    for (let j = 0; j < n; j++) {
      const s = keys[j] as number;
      l[s] = (l[s] as number) + (amounts[j] as number);
    }
  }
}
