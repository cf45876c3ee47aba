// Signal-driven directional BTCUSDT perp on Binance (domain §2.12, §2.13). Each tick, in priority:
// resting stop-loss / take-profit checked on the last completed bar (SL wins when both are touched;
// filled at the level ± slippage, or at the bar's open when it gapped through), margin below the warning level → cut, then the
// signal's target (acted on when its confidence exceeds the threshold or it gives none) re-sizes the
// position to target·maxPositionSize·E (notional capped at 3·E). USDT margin, or BTC margin where
// the collateral is BTC, USDT carries variation margin and funding, and sell_dust sweeps it to BTC.
import { asOfIndex } from "@/server/market-data/series";
import type { DirectionalParams } from "../config/directional-params";
import type { KeyRegistry } from "../core/position-keys";
import type { BarWindow, SignalOutput, SignalSource } from "../signals/signal";
import type { DecisionReason, StrategyAction } from "../types";
import { MIN_ORDER_USDT, type CostModel } from "../venues/cost-model";
import type { CexOrder } from "../venues/simulated-cex";
import type { Strategy, StrategyContext } from "./strategy";

/** Domain §2.14: perp notional is capped at 3 × equity in every share class. */
export const MAX_NOTIONAL_MULTIPLE = 3;

export interface DirectionalMarket {
  /** Raw perp bars (the signal and stop checks read completed bars only). */
  readonly bars: BarWindow;
  /** Perp mark at each tick (bar open). */
  readonly mark: Float64Array;
  /** BTC spot (BTC margin: collateral valuation and sweeps), null in USDT margin. */
  readonly spot: Float64Array | null;
}

export function directionalKeys(margin: "USDT" | "BTC"): string[] {
  return margin === "USDT" ? ["binance:BaseToken:USDT", "binance:Perp:BTCUSDT"] : ["binance:BaseToken:BTC", "binance:BaseToken:USDT", "binance:Perp:BTCUSDT"];
}

export class DirectionalStrategy implements Strategy {
  readonly name: string;
  readonly keys: readonly string[];
  private readonly params: DirectionalParams;
  private readonly source: SignalSource;
  private readonly market: DirectionalMarket;
  private readonly cost: CostModel;
  private readonly margin: "USDT" | "BTC";
  private perpSlot = -1;
  private usdtSlot = -1;
  private btcSlot = -1;
  /** Target the position follows (NaN before the first signal). */
  target = Number.NaN;
  /** Set after a stop fills: stay flat until the signal changes. */
  private stopped = false;
  private stopLoss = Number.NaN;
  private takeProfit = Number.NaN;
  private entryTime = Number.NaN;
  private lastSd = Number.NaN;
  stops = 0;

  constructor(margin: "USDT" | "BTC", params: DirectionalParams, source: SignalSource, market: DirectionalMarket, cost: CostModel) {
    this.margin = margin;
    this.name = `directional-${margin.toLowerCase()}`;
    this.params = params;
    this.source = source;
    this.market = market;
    this.cost = cost;
    this.keys = directionalKeys(margin);
  }

  bind(keys: KeyRegistry): void {
    this.perpSlot = keys.slot("binance:Perp:BTCUSDT");
    this.usdtSlot = keys.slot("binance:BaseToken:USDT");
    this.btcSlot = this.margin === "BTC" ? keys.slot("binance:BaseToken:BTC") : -1;
  }

  /** Completed bars up to t (the bar that opened at t − 1h closed at t). */
  private window(t: number): BarWindow | null {
    const b = this.market.bars;
    const j = asOfIndex(b.time, t - 3_600_000);
    if (j < 0) return null;
    const n = j + 1;
    return { time: b.time.subarray(0, n), open: b.open.subarray(0, n), high: b.high.subarray(0, n), low: b.low.subarray(0, n), close: b.close.subarray(0, n) };
  }

  /** Return sd for the stops: the signal's, else the std of the last sdLookbackBars close-to-close returns; clamped to [floor, cap] bps. */
  private stopSd(out: SignalOutput | null, w: BarWindow): number {
    const p = this.params;
    let sd = out?.sd ?? Number.NaN;
    if (!(sd > 0)) {
      const c = w.close;
      const n = Math.min(p.sdLookbackBars, c.length - 1);
      if (n >= 2) {
        let s = 0;
        let ss = 0;
        for (let i = c.length - n; i < c.length; i++) {
          const r = (c[i] as number) / (c[i - 1] as number) - 1;
          s += r;
          ss += r * r;
        }
        const mean = s / n;
        sd = Math.sqrt(Math.max(0, (ss - n * mean * mean) / (n - 1)));
      }
    }
    const bps = Math.min(p.sdCapBps, Math.max(p.sdFloorBps, (sd > 0 ? sd : 0) * 1e4));
    return bps * 1e-4;
  }

  step(ctx: StrategyContext): void {
    const k = ctx.k;
    const t = ctx.t;
    const size = ctx.ledger[this.perpSlot] as number;
    if (ctx.last) {
      if (this.params.closeAtEnd && size !== 0) this.trade(ctx, 0, "exit_full", "end_of_run", {});
      return;
    }
    const w = this.window(t);
    // 1. resting stops, checked on the bar completed since the entry
    if (size !== 0 && w && this.stopLoss === this.stopLoss) {
      const j = w.time.length - 1;
      if ((w.time[j] as number) >= this.entryTime) {
        const hi = w.high[j] as number;
        const lo = w.low[j] as number;
        const long = size > 0;
        const slHit = long ? lo <= this.stopLoss : hi >= this.stopLoss;
        const tpHit = long ? hi >= this.takeProfit : lo <= this.takeProfit;
        if (slHit || tpHit) {
          this.stops++;
          this.stopped = true;
          const level = slHit ? this.stopLoss : this.takeProfit;
          const open = w.open[j] as number;
          // a bar that opened beyond the level gapped through it: the stop fills at that open
          const beyond = slHit ? (long ? open <= level : open >= level) : long ? open >= level : open <= level;
          const fill = beyond ? open : level;
          this.trade(ctx, 0, "exit_full", "risk_override", { stop: slHit ? "stop_loss" : "take_profit", level, fill }, fill);
          return;
        }
      }
    }
    // 2. margin: cut back to twice the warning level
    const mr = ctx.lowestMargin();
    if (mr < this.params.marginWarningRatio && size !== 0) {
      const keep = mr / (2 * this.params.marginWarningRatio);
      this.trade(ctx, size * keep, "exit_partial", mr < this.params.marginCriticalRatio ? "risk_override" : "margin_support", { marginRatio: mr });
      return;
    }
    // 3. BTC margin: sweep USDT into BTC collateral (and cover a negative balance from it)
    if (this.margin === "BTC" && !ctx.stale) this.sweep(ctx);
    // 4. the signal
    if (!w) return;
    const out = this.source.signal(t, w);
    if (out === null) return;
    if (out.confidence !== undefined && !(out.confidence > this.params.signalThreshold)) return;
    const target = Math.max(-1, Math.min(1, out.target));
    if (target === this.target && (this.stopped || size !== 0 || target === 0)) return;
    if (ctx.stale && Math.abs(target) > Math.abs(this.target === this.target ? this.target : 0)) return;
    const first = this.target !== this.target;
    this.target = target;
    this.stopped = false;
    this.lastSd = this.stopSd(out, w);
    const desired = this.desiredSize(ctx, target, k);
    const action: StrategyAction = desired === 0 ? "exit_full" : size === 0 ? "entry_full" : Math.abs(desired) > Math.abs(size) && Math.sign(desired) === Math.sign(size) ? "entry_partial" : "exit_partial";
    const reason: DecisionReason = first ? "initial" : target === 0 ? "signal_flat" : "delta_adjust";
    this.trade(ctx, desired, action, reason, { target, source: this.source.name });
  }

  /** Size (BTC) for a target: target·maxPositionSize·E/P, notional capped at 3·E (E in USDT). */
  private desiredSize(ctx: StrategyContext, target: number, k: number): number {
    const m = this.market.mark[k] as number;
    const eUsdt = this.margin === "USDT" ? ctx.equity() : ctx.equity() * (this.market.spot?.[k] as number);
    const cap = (MAX_NOTIONAL_MULTIPLE * eUsdt) / m;
    const raw = (target * this.params.maxPositionSize * eUsdt) / m;
    return Math.max(-cap, Math.min(cap, raw));
  }

  private trade(ctx: StrategyContext, desired: number, action: StrategyAction, reason: DecisionReason, payload: Record<string, string | number>, fillPrice?: number): void {
    const k = ctx.k;
    const size = ctx.ledger[this.perpSlot] as number;
    const d = desired - size;
    const m = this.market.mark[k] as number;
    if (Math.abs(d) * m < MIN_ORDER_USDT && desired !== 0) return;
    if (d === 0) return;
    ctx.decide(action, reason, { ...payload, size: desired });
    if (this.margin === "BTC") this.coverCosts(ctx, Math.abs(d) * m);
    const order: CexOrder = { venue: "binance", operation: "perp_trade", asset: "BTC", side: d > 0 ? "buy" : "sell", amount: Math.abs(d), reason, ...(fillPrice !== undefined ? { fillPrice } : {}) };
    const hs = ctx.execute(order);
    const now = ctx.ledger[this.perpSlot] as number;
    if (now === 0) {
      this.stopLoss = Number.NaN;
      this.takeProfit = Number.NaN;
      return;
    }
    // stops from the fill: SL distance = min(stopLossSd·sd, stopLossPct), TP = takeProfitSd·sd; mirrored for a short
    const entry = hs.execPrice;
    const sd = this.lastSd === this.lastSd ? this.lastSd : this.params.sdFloorBps * 1e-4;
    const sl = Math.min(this.params.stopLossSd * sd, this.params.stopLossPct);
    const tp = this.params.takeProfitSd * sd;
    const dir = now > 0 ? 1 : -1;
    this.stopLoss = entry * (1 - dir * sl);
    this.takeProfit = entry * (1 + dir * tp);
    this.entryTime = ctx.t;
    ctx.emit("StopsPlaced", { entry, stopLoss: this.stopLoss, takeProfit: this.takeProfit, sd }, undefined, "binance");
  }

  /** BTC margin: sells BTC so the USDT balance covers a trade's fee and slippage (perp fills settle in USDT). */
  private coverCosts(ctx: StrategyContext, notional: number): void {
    const k = ctx.k;
    const p = this.market.spot?.[k] as number;
    const need = notional * (this.cost.perpSlippage(notional) + this.cost.takerFee("binance")) * 1.5 - (ctx.ledger[this.usdtSlot] as number);
    if (need <= 0) return;
    const q = Math.max(need, MIN_ORDER_USDT * 1.01) / (p * (1 - this.cost.spotSlippage("BTC", need)) * (1 - this.cost.takerFee("binance")));
    if (q > (ctx.ledger[this.btcSlot] as number)) return;
    ctx.execute({ venue: "binance", operation: "spot_trade", asset: "BTC", side: "sell", amount: q, reason: "margin_support" });
  }

  /**
   * BTC margin (domain §2.13): positive USDT beyond a small working balance is swept into BTC
   * (sell_dust); a negative USDT balance is covered by selling BTC.
   */
  private sweep(ctx: StrategyContext): void {
    const k = ctx.k;
    const p = this.market.spot?.[k] as number;
    const usdt = ctx.ledger[this.usdtSlot] as number;
    const e = ctx.equity() * p;
    const band = Math.max(100 * MIN_ORDER_USDT, this.params.dustDelta * e);
    if (usdt > 2 * band) {
      const spend = usdt - band;
      const q = spend / (p * (1 + this.cost.spotSlippage("BTC", spend)) * (1 + this.cost.takerFee("binance")));
      ctx.decide("sell_dust", "dust", { usdt: spend });
      ctx.execute({ venue: "binance", operation: "spot_trade", asset: "BTC", side: "buy", amount: q, reason: "dust" });
    } else if (usdt < 0) {
      const need = band - usdt;
      const q = need / (p * (1 - this.cost.spotSlippage("BTC", need)) * (1 - this.cost.takerFee("binance")));
      const held = ctx.ledger[this.btcSlot] as number;
      if (held <= 0) return;
      ctx.decide("exit_partial", "margin_support", { usdt });
      ctx.execute({ venue: "binance", operation: "spot_trade", asset: "BTC", side: "sell", amount: Math.min(q, held), reason: "margin_support" });
    }
  }
}
