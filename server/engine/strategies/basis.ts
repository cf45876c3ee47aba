// Basis trade (domain §2.6, §2.7): long spot on Binance, equal shorts split across perp venues by
// the (renormalised) hedge allocation, each venue margined at marginRatioTarget. Rebalances by the
// §2.2 priority: margin support, hedge adjustment on delta drift, re-size on equity deviation.
import type { BasisParams } from "../config/basis-params";
import type { KeyRegistry } from "../core/position-keys";
import { marginSupportSale } from "../math/perps";
import type { CexVenue, DecisionReason } from "../types";
import { GAS_UNITS, MIN_ORDER_USDT, type CostModel } from "../venues/cost-model";
import type { Strategy, StrategyContext } from "./strategy";

export interface HedgeLeg {
  readonly venue: CexVenue;
  readonly weight: number;
  readonly mark: Float64Array;
  /** Funding series id (for the trailing funding filter). */
  readonly fundingSeries: { time: Float64Array; rate: Float64Array };
}

interface Leg extends HedgeLeg {
  perpSlot: number;
  usdtSlot: number;
}

export interface BasisMarket {
  readonly spot: Float64Array;
  readonly ethUsdt: Float64Array;
  readonly gasGwei: Float64Array;
}

export class BasisStrategy implements Strategy {
  readonly name = "basis";
  readonly keys: readonly string[];
  private readonly asset: "BTC" | "ETH";
  private readonly params: BasisParams;
  private readonly market: BasisMarket;
  private readonly cost: CostModel;
  private readonly legs: Leg[];
  private readonly spotVenue: CexVenue = "binance";
  private spotSlot = -1;
  private spotUsdtSlot = -1;
  private walletSlot = -1;
  /** Slots of every USDT balance that can fund margin (wallet excluded). */
  inMarket = false;
  private eLast = Number.NaN;
  private deltaWarned = false;
  private fundingAllowed = true;

  constructor(asset: "BTC" | "ETH", params: BasisParams, legs: readonly HedgeLeg[], market: BasisMarket, cost: CostModel) {
    this.asset = asset;
    this.params = params;
    this.market = market;
    this.cost = cost;
    this.legs = legs.map((l) => ({ ...l, perpSlot: -1, usdtSlot: -1 }));
    const venues = new Set<CexVenue>(["binance", ...legs.map((l) => l.venue)]);
    this.keys = [
      "wallet:BaseToken:USDT",
      `binance:BaseToken:${asset}`,
      ...[...venues].map((v) => `${v}:BaseToken:USDT`),
      ...legs.map((l) => `${l.venue}:Perp:${asset}USDT`),
    ];
  }

  bind(keys: KeyRegistry): void {
    this.spotSlot = keys.slot(`${this.spotVenue}:BaseToken:${this.asset}`);
    this.spotUsdtSlot = keys.slot(`${this.spotVenue}:BaseToken:USDT`);
    this.walletSlot = keys.slot("wallet:BaseToken:USDT");
    for (const l of this.legs) {
      l.perpSlot = keys.slot(`${l.venue}:Perp:${this.asset}USDT`);
      l.usdtSlot = keys.slot(`${l.venue}:BaseToken:USDT`);
    }
  }

  private gasUsdt(units: number, k: number): number {
    return this.cost.gasEth(units, this.market.gasGwei[k] as number) * (this.market.ethUsdt[k] as number);
  }

  /** Σ w_v·M_v: the weighted mark of one unit of hedge. */
  private weightedMark(k: number): number {
    let s = 0;
    for (const l of this.legs) s += l.weight * (l.mark[k] as number);
    return s;
  }

  /** Per-unit-of-spot all-in cost of the perp leg on venue l: M (m + slip + fee·(1 − slip)). */
  private perpUnitCost(l: Leg, k: number, q: number): number {
    const m = l.mark[k] as number;
    const slip = this.cost.perpSlippage(l.weight * q * m);
    return m * (this.params.marginRatioTarget + slip + this.cost.takerFee(l.venue) * (1 - slip));
  }

  private spotUnitCost(k: number, q: number): number {
    const p = this.market.spot[k] as number;
    const slip = this.cost.spotSlippage(this.asset, q * p);
    return p * (1 + slip) * (1 + this.cost.takerFee(this.spotVenue));
  }

  /** Spot quantity a budget buys with its shorts and margin, costs included (cost-free first pass picks the buckets). */
  private solveQuantity(budget: number, k: number): number {
    const p = this.market.spot[k] as number;
    // N = E/(1+m) at one price; with per-venue marks the cost-free quantity is E/(P + m·Σ w·M)
    const q0 = budget / (p + this.params.marginRatioTarget * this.weightedMark(k));
    let unit = this.spotUnitCost(k, q0);
    for (const l of this.legs) unit += l.weight * this.perpUnitCost(l, k, q0);
    return budget / unit;
  }

  private fundingMean(t: number): number {
    const n = this.params.fundingLookbackSettlements;
    let total = 0;
    let weight = 0;
    for (const l of this.legs) {
      const time = l.fundingSeries.time;
      let hi = time.length - 1;
      while (hi >= 0 && (time[hi] as number) > t) hi--;
      let s = 0;
      let c = 0;
      for (let i = hi; i >= 0 && c < n; i--, c++) s += l.fundingSeries.rate[i] as number;
      if (c > 0) {
        total += (l.weight * s) / c;
        weight += l.weight;
      }
    }
    return weight > 0 ? total / weight : 0;
  }

  step(ctx: StrategyContext): void {
    const k = ctx.k;
    if (this.params.fundingFilter === "trailing" && (k === 0 || ctx.t % (8 * 3_600_000) === 0)) {
      const mean = this.fundingMean(ctx.t);
      const allowed = this.inMarket ? mean >= 0 : mean >= this.params.fundingThreshold;
      if (allowed !== this.fundingAllowed) ctx.emit("FundingFilterChanged", { mean, allowed });
      this.fundingAllowed = allowed;
    }
    if (this.inMarket) {
      if (ctx.last && this.params.closeAtEnd) return this.exitFull(ctx, "end_of_run");
      if (!this.fundingAllowed) return this.exitFull(ctx, "funding_filter");
      if (ctx.deposit > 0 || ctx.withdrawal > 0) return this.applyFlow(ctx);
      if (ctx.last) return;
      const lowest = ctx.lowestMargin();
      if (lowest < this.params.marginWarningRatio) return this.marginSupport(ctx, lowest);
      const dr = ctx.deltaRatio();
      if (dr > this.params.maxDeltaDrift) return this.hedgeAdjust(ctx, dr);
      if (dr > this.params.deltaTolerance) {
        if (!this.deltaWarned) ctx.emit("DeltaDriftWarned", { deltaRatio: dr }, "LOW");
        this.deltaWarned = true;
      } else this.deltaWarned = false;
      const e = ctx.equity();
      // a re-size may grow the book: not on stale prices
      if (!ctx.stale && Math.abs(e - this.eLast) / this.eLast > this.params.positionDeviationThreshold) return this.resize(ctx, e);
      return;
    }
    if (!ctx.last && !ctx.stale && this.fundingAllowed) this.entryFull(ctx);
  }

  private entryFull(ctx: StrategyContext): void {
    const k = ctx.k;
    // a withdrawal due this tick stays in the wallet
    const wallet = (ctx.ledger[this.walletSlot] as number) - ctx.withdrawal;
    const others = this.legs.filter((l) => l.venue !== this.spotVenue);
    const transferGas = (1 + others.length) * this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k);
    // a hair of slack so the wallet still covers the last transfer's gas after float rounding
    const budget = (wallet - transferGas) * (1 - 1e-9);
    if (!(budget > MIN_ORDER_USDT * 10)) return;
    const q = this.solveQuantity(budget, k);
    const reason: DecisionReason = this.params.fundingFilter === "trailing" ? "funding_filter" : "initial";
    ctx.decide("entry_full", reason, { quantity: q, budget });
    const spotLeg = this.legs.find((l) => l.venue === this.spotVenue);
    const toSpotVenue = q * this.spotUnitCost(k, q) + (spotLeg ? spotLeg.weight * q * this.perpUnitCost(spotLeg, k, q) : 0);
    ctx.execute({ venue: "wallet", operation: "transfer", asset: "USDT", amount: toSpotVenue, toVenue: this.spotVenue, reason });
    for (const l of others) {
      const amount = l.weight * q * this.perpUnitCost(l, k, q);
      if (amount >= MIN_ORDER_USDT) ctx.execute({ venue: "wallet", operation: "transfer", asset: "USDT", amount, toVenue: l.venue, reason });
    }
    const spotUsdt = ctx.ledger[this.spotUsdtSlot] as number;
    const buy = Math.min(q, spotUsdt / this.spotUnitCost(k, q));
    ctx.execute({ venue: this.spotVenue, operation: "spot_trade", asset: this.asset, side: "buy", amount: buy, reason });
    this.setShorts(ctx, ctx.ledger[this.spotSlot] as number, reason, "all");
    this.inMarket = true;
    this.eLast = ctx.equity();
  }

  /**
   * Moves shorts toward −w_v·long: "reduce" only trades that shrink a short, "increase" only those
   * that grow it (orders under the venue minimum are dropped with BelowMinimum).
   */
  private setShorts(ctx: StrategyContext, long: number, reason: DecisionReason, which: "reduce" | "increase" | "all"): void {
    const k = ctx.k;
    for (const l of this.legs) {
      const current = ctx.ledger[l.perpSlot] as number;
      const target = -l.weight * long;
      const d = target - current;
      const grows = Math.abs(target) > Math.abs(current);
      if ((which === "reduce" && grows) || (which === "increase" && !grows)) continue;
      const notional = Math.abs(d) * (l.mark[k] as number);
      if (notional < MIN_ORDER_USDT) {
        if (notional > 1e-6) ctx.emit("BelowMinimum", { asset: this.asset, amount: d, notional }, "LOW", l.venue);
        continue;
      }
      if (grows) {
        // a venue left without margin (tiny books after flows) cannot pay the fill: skip, the next
        // tick's hedge adjustment re-margins it (a rejected order would fail the run)
        const slip = this.cost.perpSlippage(notional);
        const cost = notional * (slip + this.cost.takerFee(l.venue));
        const balance = ctx.ledger[l.usdtSlot] as number;
        if (balance < cost * 1.000001 + 1e-9) {
          ctx.emit("OrderSkipped", { asset: this.asset, amount: d, reason: "insufficient_margin", balance, cost }, "MEDIUM", l.venue);
          continue;
        }
      }
      ctx.execute({ venue: l.venue, operation: "perp_trade", asset: this.asset, side: d > 0 ? "buy" : "sell", amount: Math.abs(d), reason });
    }
  }

  /**
   * Re-sizes to spot `targetQ` and every venue to its margin target: first the reducing trades
   * (shorts cut, spot sold), then USDT transfers from venues with surplus to venues short of margin
   * (and of the spot purchase), then the increasing trades.
   */
  private rebalanceLegs(ctx: StrategyContext, targetQ: number, reason: DecisionReason, walletNeed = 0): void {
    const k = ctx.k;
    const l0 = ctx.ledger;
    const p = this.market.spot[k] as number;
    if (targetQ < 0) targetQ = 0;
    this.setShorts(ctx, targetQ, reason, "reduce");
    const q = l0[this.spotSlot] as number;
    if (q - targetQ > 0 && (q - targetQ) * p >= MIN_ORDER_USDT) {
      ctx.execute({ venue: this.spotVenue, operation: "spot_trade", asset: this.asset, side: "sell", amount: q - targetQ, reason });
    }
    const buyQty = Math.max(0, targetQ - (l0[this.spotSlot] as number));
    const buyCost = buyQty * p >= MIN_ORDER_USDT ? buyQty * this.spotUnitCost(k, buyQty) : 0;
    // need per USDT slot: margin at the target size plus the cost of growing the short, plus the spot purchase
    const need = new Map<number, number>();
    for (const l of this.legs) {
      const m = l.mark[k] as number;
      const target = l.weight * targetQ;
      const grow = Math.max(0, target - Math.abs(l0[l.perpSlot] as number));
      const slip = this.cost.perpSlippage(grow * m);
      need.set(l.usdtSlot, this.params.marginRatioTarget * target * m + grow * m * (slip + this.cost.takerFee(l.venue)));
    }
    need.set(this.spotUsdtSlot, (need.get(this.spotUsdtSlot) ?? 0) + buyCost);
    // the wallet takes part too: it funds deposits and receives what a withdrawal needs
    need.set(this.walletSlot, walletNeed);
    const venueOf = new Map<number, CexVenue | "wallet">(this.legs.map((l) => [l.usdtSlot, l.venue]));
    venueOf.set(this.spotUsdtSlot, this.spotVenue);
    venueOf.set(this.walletSlot, "wallet");
    let total = 0;
    let totalNeed = 0;
    for (const [slot, n] of need) {
      total += l0[slot] as number;
      totalNeed += n;
    }
    // scale the venues' needs down when costs left less than the targets add up to (a withdrawal is never scaled)
    const scale = totalNeed > total && totalNeed > walletNeed ? Math.max(0, total - walletNeed) / (totalNeed - walletNeed) : 1;
    const surplus: { slot: number; amount: number }[] = [];
    const deficit: { slot: number; amount: number }[] = [];
    for (const [slot, n] of need) {
      const d = (l0[slot] as number) - (slot === this.walletSlot ? n : n * scale);
      if (d > 0) surplus.push({ slot, amount: d });
      else if (d < 0) deficit.push({ slot, amount: -d });
    }
    surplus.sort((a, b) => b.amount - a.amount || a.slot - b.slot);
    deficit.sort((a, b) => b.amount - a.amount || a.slot - b.slot);
    const gas = this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k);
    for (const d of deficit) {
      for (const s of surplus) {
        if (d.amount < MIN_ORDER_USDT) break;
        const from = venueOf.get(s.slot) as CexVenue | "wallet";
        const to = venueOf.get(d.slot) as CexVenue | "wallet";
        // the wallet pays transfer gas on top of the amount; a CEX deducts it from the amount
        const fromWallet = from === "wallet";
        const amount = fromWallet ? Math.min(s.amount - gas, d.amount) : Math.min(s.amount, d.amount + gas);
        if (amount < MIN_ORDER_USDT || (!fromWallet && amount <= gas)) continue;
        ctx.execute({ venue: from, operation: "transfer", asset: "USDT", amount, toVenue: to, reason });
        s.amount -= fromWallet ? amount + gas : amount;
        d.amount -= fromWallet ? amount : amount - gas;
      }
    }
    if (buyCost > 0) {
      const spotUsdt = ctx.ledger[this.spotUsdtSlot] as number;
      const amount = Math.min(buyQty, Math.max(0, spotUsdt) / this.spotUnitCost(k, buyQty));
      if (amount * p >= MIN_ORDER_USDT) ctx.execute({ venue: this.spotVenue, operation: "spot_trade", asset: this.asset, side: "buy", amount, reason });
    }
    this.setShorts(ctx, ctx.ledger[this.spotSlot] as number, reason, "increase");
  }

  /** Total USDT that can margin the hedge: every hedge venue's balance and the spot venue's. */
  private marginBalances(l: Float64Array): number {
    let balances = 0;
    const seen = new Set<number>();
    for (const leg of this.legs) {
      if (!seen.has(leg.usdtSlot)) balances += l[leg.usdtSlot] as number;
      seen.add(leg.usdtSlot);
    }
    if (!seen.has(this.spotUsdtSlot)) balances += l[this.spotUsdtSlot] as number;
    return balances;
  }

  /**
   * Margin support (§3.8) and hedge adjustment share one sizing: the hedge is the long leg L, and
   * when the venues' USDT cannot margin it at m*, x = (m*·L·M − ΣB)/(P + m*·M) of the long leg is
   * sold and the shorts cut by the same x; if even the whole long leg would not do, both legs are
   * halved (§2.2 rule 2).
   */
  private restoreHedge(ctx: StrategyContext, reason: "margin_support" | "delta_adjust", payload: Record<string, number>): void {
    const k = ctx.k;
    const l = ctx.ledger;
    const long = l[this.spotSlot] as number;
    const x = marginSupportSale(long, this.weightedMark(k), this.marginBalances(l), this.market.spot[k] as number, this.params.marginRatioTarget);
    if (x >= long) {
      ctx.decide("exit_partial", "risk_override", { ...payload, sell: long / 2 });
      return this.rebalanceLegs(ctx, long / 2, "risk_override");
    }
    ctx.decide(x > 0 ? "exit_partial" : "entry_partial", reason, { ...payload, sell: x });
    this.rebalanceLegs(ctx, long - x, reason);
  }

  private marginSupport(ctx: StrategyContext, lowest: number): void {
    this.restoreHedge(ctx, "margin_support", { lowestMarginRatio: lowest });
  }

  private hedgeAdjust(ctx: StrategyContext, deltaRatio: number): void {
    // through the margin sizing so a venue emptied by a liquidation is re-margined before it shorts again
    this.restoreHedge(ctx, "delta_adjust", { deltaRatio });
  }

  private resize(ctx: StrategyContext, e: number): void {
    const k = ctx.k;
    const p = this.market.spot[k] as number;
    const targetQ = e / (p + this.params.marginRatioTarget * this.weightedMark(k));
    const q = ctx.ledger[this.spotSlot] as number;
    ctx.decide(targetQ >= q ? "entry_partial" : "exit_partial", "equity_deviation", { equity: e, lastEquity: this.eLast, targetQuantity: targetQ });
    this.rebalanceLegs(ctx, targetQ, "equity_deviation");
    this.eLast = ctx.equity();
  }

  /**
   * Flows (§2.2): a deposit is deployed in the same tick; a withdrawal is paid from the wallet when
   * it holds enough (fast path), else every leg is cut pro rata to equity − W and the freed USDT
   * is moved to the wallet, which pays it at the end of the tick.
   */
  private applyFlow(ctx: StrategyContext): void {
    const w = ctx.withdrawal;
    const wallet = ctx.ledger[this.walletSlot] as number;
    if (w > 0 && wallet >= w) return;
    const k = ctx.k;
    const target = ctx.equity() - w;
    const targetQ = Math.max(0, target) / ((this.market.spot[k] as number) + this.params.marginRatioTarget * this.weightedMark(k));
    const reason: DecisionReason = w > 0 ? "withdrawal" : "deposit";
    ctx.decide(w > 0 ? "exit_partial" : "entry_partial", reason, { amount: w > 0 ? w : ctx.deposit, targetQuantity: targetQ });
    // the wallet's need covers the payout plus each transfer's deducted gas and the minimum-order
    // remainder, so the payout is whole; the margins absorb the difference
    const reserve = w > 0 ? (this.legs.length + 1) * this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k) + MIN_ORDER_USDT : 0;
    this.rebalanceLegs(ctx, targetQ, reason, w > 0 ? w + reserve : 0);
    this.eLast = ctx.equity() - w;
  }

  private exitFull(ctx: StrategyContext, reason: DecisionReason): void {
    ctx.decide("exit_full", reason, {});
    const l = ctx.ledger;
    for (const leg of this.legs) {
      const size = l[leg.perpSlot] as number;
      if (size !== 0) ctx.execute({ venue: leg.venue, operation: "perp_trade", asset: this.asset, side: size < 0 ? "buy" : "sell", amount: Math.abs(size), reason });
    }
    const q = l[this.spotSlot] as number;
    if (q > 0) ctx.execute({ venue: this.spotVenue, operation: "spot_trade", asset: this.asset, side: "sell", amount: q, reason });
    const gas = this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, ctx.k);
    const slots = new Map<number, CexVenue>(this.legs.map((x) => [x.usdtSlot, x.venue]));
    slots.set(this.spotUsdtSlot, this.spotVenue);
    for (const [slot, venue] of slots) {
      const amount = l[slot] as number;
      if (amount >= MIN_ORDER_USDT && amount > gas) ctx.execute({ venue, operation: "transfer", asset: "USDT", amount, toVenue: "wallet", reason });
    }
    this.inMarket = false;
    this.eLast = Number.NaN;
  }
}
