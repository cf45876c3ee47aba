// usdt_market_neutral_no_leverage and usdt_market_neutral (domain §2.10, §2.11): a share s of USDT
// equity buys ETH (DEX) that is staked (or levered in the e-mode loop); the rest margins perp shorts
// split by the hedge allocation. The hedge is sized every tick on the sleeve's realised net ETH
// (wallet ETH + LST·r + a·I·r − d·J), never on the allocation. Rebalances by the §2.2 priority.
import type { LeveragedMarketNeutralParams, MarketNeutralParams } from "../config/staking-params";
import type { KeyRegistry } from "../core/position-keys";
import type { CexVenue, DecisionReason } from "../types";
import { GAS_UNITS, MIN_ORDER_USDT, type CostModel } from "../venues/cost-model";
import type { DefiMarket, SimulatedDefi } from "../venues/simulated-defi";
import type { LeverageLoop } from "./leverage-loop";
import { claimMaturedUnstakes, stakingKeys } from "./staking";
import { creditRewardsIfDue } from "./rewards";
import type { Strategy, StrategyContext } from "./strategy";

export interface NeutralLeg {
  readonly venue: CexVenue;
  readonly weight: number;
  readonly mark: Float64Array;
}

interface Leg extends NeutralLeg {
  perpSlot: number;
  usdtSlot: number;
}

/** Keys of a market-neutral mode: wallet USDT/ETH/LST, the loop's AAVE receipts, each hedge venue's USDT and perp. */
export function marketNeutralKeys(lst: string, legs: readonly { venue: CexVenue }[], levered: boolean): string[] {
  return [
    "wallet:BaseToken:USDT",
    ...stakingKeys(lst),
    ...(levered ? [`aave_v3:aToken:a${lst}`, "aave_v3:debtToken:debtWETH"] : []),
    ...legs.map((l) => `${l.venue}:BaseToken:USDT`),
    ...legs.map((l) => `${l.venue}:Perp:ETHUSDT`),
  ];
}

/** Gas units kept back in the wallet (USDT) for later on-chain rebalances. */
const GAS_RESERVE_UNITS = 4_000_000;

export class MarketNeutralStrategy implements Strategy {
  readonly name: string;
  readonly keys: readonly string[];
  private readonly params: MarketNeutralParams | LeveragedMarketNeutralParams;
  private readonly legs: Leg[];
  private readonly venue: SimulatedDefi;
  private readonly market: DefiMarket;
  private readonly loop: LeverageLoop | null;
  private readonly cost: CostModel;
  private walletUsdt = -1;
  private walletEth = -1;
  private walletLst = -1;
  inMarket = false;
  /** Equity at the last re-size (rule 9). */
  private eLast = Number.NaN;
  private deltaWarned = false;
  private hfZone = 0;

  constructor(
    params: MarketNeutralParams | LeveragedMarketNeutralParams,
    legs: readonly NeutralLeg[],
    venue: SimulatedDefi,
    market: DefiMarket,
    loop: LeverageLoop | null,
    cost: CostModel,
  ) {
    this.name = loop ? "market-neutral-leveraged" : "market-neutral";
    this.params = params;
    this.legs = legs.map((l) => ({ ...l, perpSlot: -1, usdtSlot: -1 }));
    this.venue = venue;
    this.market = market;
    this.loop = loop;
    this.cost = cost;
    this.keys = marketNeutralKeys(params.lstType, legs, loop !== null);
  }

  bind(keys: KeyRegistry): void {
    this.walletUsdt = keys.slot("wallet:BaseToken:USDT");
    this.walletEth = keys.slot("wallet:BaseToken:ETH");
    this.walletLst = keys.slot(`wallet:LST:${this.params.lstType}`);
    for (const l of this.legs) {
      l.perpSlot = keys.slot(`${l.venue}:Perp:ETHUSDT`);
      l.usdtSlot = keys.slot(`${l.venue}:BaseToken:USDT`);
    }
    this.loop?.bind(keys);
  }

  private price(k: number): number {
    return this.market.ethUsdt[k] as number;
  }

  private gasUsdt(units: number, k: number): number {
    return this.venue.gasQuoteEth(units, k) * this.price(k);
  }

  private weightedMark(k: number): number {
    let s = 0;
    for (const l of this.legs) s += l.weight * (l.mark[k] as number);
    return s;
  }

  /** The sleeve's net ETH: wallet ETH + LST·r (+ the loop's a·I·r − d·J). */
  sleeveEth(ctx: StrategyContext): number {
    const k = ctx.k;
    const l = ctx.ledger;
    return (l[this.walletEth] as number) + (l[this.walletLst] as number) * (this.market.lstRate[k] as number) + (this.loop ? this.loop.netEth(k) : 0);
  }

  step(ctx: StrategyContext): void {
    const k = ctx.k;
    if (!this.inMarket) {
      if (!ctx.last && !ctx.stale) this.entryFull(ctx);
      return;
    }
    this.loop?.liquidateIfUnderwater(ctx);
    creditRewardsIfDue(ctx, this.venue);
    claimMaturedUnstakes(ctx, this.venue);
    if (ctx.withdrawal > 0) return this.withdraw(ctx);
    if (ctx.last) {
      if (this.params.closeAtEnd) this.exitFull(ctx, "end_of_run");
      return;
    }
    if (ctx.deposit > 0 && !ctx.stale) return this.deploy(ctx, ctx.deposit, "deposit");
    const p = this.params;
    const loop = this.loop;
    const lp = loop ? (p as LeveragedMarketNeutralParams) : null;
    const s = loop ? loop.read(k) : null;
    if (loop && lp && s && s.debt > 0) {
      this.topUpGasReserve(ctx);
      this.watchHealth(ctx, s.hf, lp.minHealthFactor);
      // 1. AAVE safety before delta neutrality: delever, accepting temporary delta
      if (s.ltv > lp.maxLtv) {
        ctx.decide("exit_partial", "ltv_delever", { ltv: s.ltv, healthFactor: s.hf, urgent: true });
        return loop.delever(ctx, "ltv_delever");
      }
    }
    // 2–3. margin support
    const lowest = ctx.lowestMargin();
    if (lowest < p.marginWarningRatio) return this.restore(ctx, "margin_support", { lowestMarginRatio: lowest });
    // 4. HF / LTV band
    if (loop && lp && s && s.debt > 0 && (s.hf < lp.minHealthFactor || s.ltv > loop.lambda + lp.ltvRebalanceBand)) {
      ctx.decide("exit_partial", "ltv_delever", { ltv: s.ltv, healthFactor: s.hf });
      return loop.delever(ctx, "ltv_delever");
    }
    // 5/7. hedge adjustment on delta drift (also re-opens a venue a liquidation closed)
    const dr = ctx.deltaRatio();
    if (dr > p.maxDeltaDrift) return this.restore(ctx, "delta_adjust", { deltaRatio: dr });
    if (dr > p.deltaTolerance) {
      if (!this.deltaWarned) ctx.emit("DeltaDriftWarned", { deltaRatio: dr }, "LOW");
      this.deltaWarned = true;
    } else this.deltaWarned = false;
    // 8. re-lever
    if (loop && lp && s && s.debt > 0 && !ctx.stale && s.ltv < loop.lambda - lp.ltvRebalanceBand) {
      ctx.decide("entry_partial", "ltv_relever", { ltv: s.ltv, healthFactor: s.hf });
      return loop.relever(ctx, "ltv_relever");
    }
    // 9. re-size to the s / (1 − s) split when equity moved past the deviation threshold
    const e = ctx.equity();
    if (!ctx.stale && Math.abs(e - this.eLast) / this.eLast > p.positionDeviationThreshold) return this.resize(ctx, e);
  }

  /** On-chain gas units of buying ETH and staking or levering it. */
  private deployUnits(): number {
    return GAS_UNITS.TOKEN_SWAP + (this.loop ? GAS_UNITS.ATOMIC_ENTRY : GAS_UNITS.STAKE_DEPOSIT);
  }

  /** Buys ETH for `usdt` (DEX) and stakes it, or levers it in the loop. */
  private buyAndStake(ctx: StrategyContext, usdt: number, reason: DecisionReason): void {
    const k = ctx.k;
    const px = this.price(k);
    const q = usdt / (px * (1 + this.venue.ethSwapCost(usdt)));
    if (q * px < 100 * MIN_ORDER_USDT) return;
    ctx.execute({ venue: "wallet", operation: "swap", asset: "ETH", side: "buy", amount: q, reason });
    const eth = ctx.ledger[this.walletEth] as number;
    if (this.loop) this.loop.enterAtomic(ctx, eth, reason);
    else ctx.execute({ venue: "wallet", operation: "stake", asset: "ETH", amount: eth, reason });
  }

  /** A deposit (domain §2.10 "flows keep the split"): s of it staked, 1 − s sent to the venues, shorts grown to the new sleeve. */
  private deploy(ctx: StrategyContext, amount: number, reason: DecisionReason): void {
    const k = ctx.k;
    const s = this.params.stakeAllocation;
    const budget = amount - this.gasUsdt(this.deployUnits() + this.legs.length * GAS_UNITS.VENUE_TRANSFER, k);
    if (!(budget > 100 * MIN_ORDER_USDT)) return;
    ctx.decide("entry_partial", reason, { amount, budget });
    this.buyAndStake(ctx, s * budget, reason);
    for (const l of this.legs) {
      const t = (1 - s) * budget * l.weight;
      if (t >= MIN_ORDER_USDT) ctx.execute({ venue: "wallet", operation: "transfer", asset: "USDT", amount: t, toVenue: l.venue, reason });
    }
    this.setShorts(ctx, this.sleeveEth(ctx), reason, "increase");
    this.eLast = ctx.equity();
  }

  /**
   * A withdrawal W (domain §2.2): the fast path when wallet USDT covers it; else every leg unwinds
   * pro rata by f ≈ W/E (shorts cut, sleeve ETH released to USDT, venue USDT sent back), and the
   * kernel pays at the end of the tick.
   */
  private withdraw(ctx: StrategyContext): void {
    const k = ctx.k;
    const w = ctx.withdrawal;
    const wallet = ctx.ledger[this.walletUsdt] as number;
    if (wallet >= w) return;
    const e = ctx.equity();
    const gas = this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k);
    // 1 % over the shortfall covers the unwind's costs; the gas reserve stays in the wallet
    const f = Math.min(1, ((w - wallet) * 1.01 + this.gasUsdt(GAS_RESERVE_UNITS, k)) / e);
    if (f >= 0.98) {
      this.exitFull(ctx, "withdrawal");
      return;
    }
    ctx.decide("exit_partial", "withdrawal", { amount: w, fraction: f });
    const hedge = this.sleeveEth(ctx);
    this.setShorts(ctx, hedge * (1 - f), "withdrawal", "reduce");
    this.releaseEth(ctx, f * hedge, "withdrawal");
    for (const l of this.legs) {
      const amount = f * (ctx.ledger[l.usdtSlot] as number);
      if (amount >= MIN_ORDER_USDT && amount > 2 * gas) ctx.execute({ venue: l.venue, operation: "transfer", asset: "USDT", amount, toVenue: "wallet", reason: "withdrawal" });
    }
    this.setShorts(ctx, this.sleeveEth(ctx), "withdrawal", "reduce");
    this.eLast = ctx.equity() - w;
  }

  /**
   * Re-size (§2.2 rule 9, §2.10): restore the sleeve to s·E. Too small (funding piled up on the
   * venues): venue USDT above its (1 − s) share comes back, buys ETH and is staked (levered);
   * too large: net ETH is released to USDT. Shorts follow the sleeve; venues are funded to (1 − s)/s.
   */
  private resize(ctx: StrategyContext, e: number): void {
    const k = ctx.k;
    const p = this.params;
    const s = p.stakeAllocation;
    const px = this.price(k);
    const target = (s * e) / px;
    const hedge = this.sleeveEth(ctx);
    ctx.decide(target >= hedge ? "entry_partial" : "exit_partial", "equity_deviation", { equity: e, lastEquity: this.eLast, targetEth: target, sleeveEth: hedge });
    const gas = this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k);
    if (target > hedge * 1.001) {
      for (const l of this.legs) {
        const surplus = (ctx.ledger[l.usdtSlot] as number) - (1 - s) * e * l.weight;
        if (surplus >= MIN_ORDER_USDT && surplus > 2 * gas) ctx.execute({ venue: l.venue, operation: "transfer", asset: "USDT", amount: surplus, toVenue: "wallet", reason: "equity_deviation" });
      }
      const budget = (ctx.ledger[this.walletUsdt] as number) - this.gasUsdt(GAS_RESERVE_UNITS + this.deployUnits(), k);
      const want = (target - hedge) * px * (1 + this.venue.ethSwapCost((target - hedge) * px));
      this.buyAndStake(ctx, Math.min(budget, want), "equity_deviation");
    } else if (target < hedge * 0.999) {
      this.setShorts(ctx, target, "equity_deviation", "reduce");
      this.releaseEth(ctx, hedge - target, "equity_deviation");
    }
    const now = this.sleeveEth(ctx);
    this.setShorts(ctx, now, "equity_deviation", "reduce");
    this.fundVenues(ctx, now, Math.min((1 - s) / s, 3), "equity_deviation");
    this.setShorts(ctx, now, "equity_deviation", "increase");
    this.eLast = ctx.equity();
  }

  /**
   * On-chain groups pay gas from wallet USDT: when it runs under half the reserve (e.g. many delevers
   * under a borrow-rate spike) the venue with the most margin above target sends the reserve back.
   */
  private topUpGasReserve(ctx: StrategyContext): void {
    const k = ctx.k;
    const reserve = this.gasUsdt(GAS_RESERVE_UNITS, k);
    if ((ctx.ledger[this.walletUsdt] as number) >= reserve / 2) return;
    const hedge = this.sleeveEth(ctx);
    let best: Leg | null = null;
    let bestSpare = 0;
    for (const l of this.legs) {
      const spare = (ctx.ledger[l.usdtSlot] as number) - this.params.marginRatioTarget * l.weight * hedge * (l.mark[k] as number);
      if (spare > bestSpare) {
        best = l;
        bestSpare = spare;
      }
    }
    const amount = Math.min(bestSpare, reserve + this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k));
    if (best && amount >= MIN_ORDER_USDT && amount > 2 * this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k)) {
      ctx.execute({ venue: best.venue, operation: "transfer", asset: "USDT", amount, toVenue: "wallet", reason: "margin_support" });
    }
  }

  private watchHealth(ctx: StrategyContext, hf: number, minHf: number): void {
    const zone = hf < 1 ? 2 : hf < minHf ? 1 : 0;
    if (zone > this.hfZone) ctx.emit("RiskThresholdCrossed", { metric: "healthFactor", value: hf, level: zone === 2 ? "liquidation" : "minHealthFactor" }, zone === 2 ? "HIGH" : "MEDIUM", "aave_v3");
    this.hfZone = zone;
  }

  private entryFull(ctx: StrategyContext): void {
    const k = ctx.k;
    const p = this.params;
    const px = this.price(k);
    // a withdrawal due this tick stays in the wallet
    const wallet = (ctx.ledger[this.walletUsdt] as number) - ctx.withdrawal;
    const legUnits = this.loop ? GAS_UNITS.ATOMIC_ENTRY + GAS_UNITS.SET_EMODE_ONCE + GAS_UNITS.APPROVAL_ONCE : GAS_UNITS.STAKE_DEPOSIT;
    const recursive = this.loop && (p as LeveragedMarketNeutralParams).entryMethod === "recursive";
    const units = GAS_UNITS.TOKEN_SWAP + legUnits + this.legs.length * GAS_UNITS.VENUE_TRANSFER + GAS_RESERVE_UNITS + (recursive ? 60 * 700_000 : 0);
    const budget = wallet - this.gasUsdt(units, k);
    if (!(budget > 100 * MIN_ORDER_USDT)) return;
    const s = p.stakeAllocation;
    const stakeUsdt = s * budget;
    const q = stakeUsdt / (px * (1 + this.venue.ethSwapCost(stakeUsdt)));
    ctx.decide("entry_full", "initial", { budget, stakeUsdt, eth: q });
    ctx.execute({ venue: "wallet", operation: "swap", asset: "ETH", side: "buy", amount: q, reason: "initial" });
    const eth = ctx.ledger[this.walletEth] as number;
    if (this.loop) {
      if (recursive) this.loop.enterRecursive(ctx, "initial");
      else this.loop.enterAtomic(ctx, eth, "initial");
    } else ctx.execute({ venue: "wallet", operation: "stake", asset: "ETH", amount: eth, reason: "initial" });
    for (const l of this.legs) {
      const amount = (1 - s) * budget * l.weight;
      if (amount >= MIN_ORDER_USDT) ctx.execute({ venue: "wallet", operation: "transfer", asset: "USDT", amount, toVenue: l.venue, reason: "initial" });
    }
    this.setShorts(ctx, this.sleeveEth(ctx), "initial", "all");
    this.inMarket = true;
    this.eLast = ctx.equity();
  }

  /** Moves each venue's short toward −w_v·hedge ("reduce": only shrinking trades, "increase": only growing ones). */
  private setShorts(ctx: StrategyContext, hedge: number, reason: DecisionReason, which: "reduce" | "increase" | "all"): void {
    const k = ctx.k;
    for (const l of this.legs) {
      const current = ctx.ledger[l.perpSlot] as number;
      const target = -l.weight * Math.max(0, hedge);
      const d = target - current;
      const grows = Math.abs(target) > Math.abs(current);
      if ((which === "reduce" && grows) || (which === "increase" && !grows)) continue;
      const notional = Math.abs(d) * (l.mark[k] as number);
      if (notional < MIN_ORDER_USDT) {
        if (notional > 1e-6) ctx.emit("BelowMinimum", { asset: "ETH", amount: d, notional }, "LOW", l.venue);
        continue;
      }
      // a venue left without margin (e.g. just liquidated) cannot pay the fill: skip, re-margined next tick
      const fees = notional * (this.cost.perpSlippage(notional) + this.cost.takerFee(l.venue)) * 1.01;
      if (grows && (ctx.ledger[l.usdtSlot] as number) < fees) {
        ctx.emit("HedgeIncreaseSkipped", { asset: "ETH", amount: d, usdt: ctx.ledger[l.usdtSlot] as number }, "MEDIUM", l.venue);
        continue;
      }
      ctx.execute({ venue: l.venue, operation: "perp_trade", asset: "ETH", side: d > 0 ? "buy" : "sell", amount: Math.abs(d), reason });
    }
  }

  /** Sells `x` net ETH out of the sleeve into wallet USDT (LST → ETH on a DEX, or a constant-λ release; then ETH → USDT). */
  private releaseEth(ctx: StrategyContext, x: number, reason: DecisionReason): void {
    const k = ctx.k;
    if (this.loop) this.loop.release(ctx, x, reason);
    else {
      const m = this.market.lstMarket[k] as number;
      const c = this.venue.lstSwapCost(x, k);
      const held = ctx.ledger[this.walletLst] as number;
      const w = Math.min(held, x / (m * (1 - c)));
      if (w > 0) ctx.execute({ venue: "wallet", operation: "swap", asset: this.params.lstType, side: "sell", amount: w, reason });
    }
    const eth = ctx.ledger[this.walletEth] as number;
    if (eth * this.price(k) >= MIN_ORDER_USDT) ctx.execute({ venue: "wallet", operation: "swap", asset: "ETH", side: "sell", amount: eth, reason });
  }

  /**
   * Margin support and hedge adjustment share one sizing (domain §3.8): when all USDT cannot margin
   * the hedge at m*, release x = (m*·H·M − ΣB)/(P + m*·M) net ETH from the sleeve (half the sleeve
   * when even that cannot work: §2.2 rule 2), set every short to w_v·H, and fund venues below their
   * floor (m* for support, midway between warning and m* for hedge adjustment).
   */
  private restore(ctx: StrategyContext, reason: "margin_support" | "delta_adjust", payload: Record<string, number>): void {
    const k = ctx.k;
    const p = this.params;
    const l0 = ctx.ledger;
    const px = this.price(k);
    const mBar = this.weightedMark(k);
    const target = p.marginRatioTarget;
    const reserve = this.gasUsdt(GAS_RESERVE_UNITS, k);
    let hedge = this.sleeveEth(ctx);
    let usdt = Math.max(0, (l0[this.walletUsdt] as number) - reserve);
    for (const l of this.legs) usdt += l0[l.usdtSlot] as number;
    const floorRatio = reason === "margin_support" ? target : (p.marginWarningRatio + target) / 2;
    let x = floorRatio * hedge * mBar > usdt ? (target * hedge * mBar - usdt) / (px + target * mBar) : 0;
    let actualReason: DecisionReason = reason;
    if (x >= hedge) {
      x = hedge / 2;
      actualReason = "risk_override";
    }
    ctx.decide(x > 0 ? "exit_partial" : "entry_partial", actualReason, { ...payload, releaseEth: x, hedgeEth: hedge });
    if (x > 0) {
      this.setShorts(ctx, hedge - x, actualReason, "reduce");
      this.releaseEth(ctx, x, actualReason);
      hedge = this.sleeveEth(ctx);
    }
    this.setShorts(ctx, hedge, actualReason, "reduce");
    this.fundVenues(ctx, hedge, floorRatio, actualReason);
    this.setShorts(ctx, hedge, actualReason, "increase");
  }

  /** Tops every venue up to floor·w_v·H·M_v (+ the fees of growing its short), from the wallet first, then from venues above m*. */
  private fundVenues(ctx: StrategyContext, hedge: number, floorRatio: number, reason: DecisionReason): void {
    const k = ctx.k;
    const l0 = ctx.ledger;
    const p = this.params;
    const gas = this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k);
    const deficits: { leg: Leg; amount: number }[] = [];
    const surplus: { leg: Leg; amount: number }[] = [];
    for (const l of this.legs) {
      const m = l.mark[k] as number;
      const size = l.weight * hedge;
      const grow = Math.max(0, size - Math.abs(l0[l.perpSlot] as number));
      const fees = grow * m * (this.cost.perpSlippage(grow * m) + this.cost.takerFee(l.venue));
      const bal = l0[l.usdtSlot] as number;
      const need = floorRatio * size * m + fees;
      if (bal < need) deficits.push({ leg: l, amount: need - bal });
      else {
        const spare = bal - (p.marginRatioTarget * size * m + fees);
        if (spare > 0) surplus.push({ leg: l, amount: spare });
      }
    }
    deficits.sort((a, b) => b.amount - a.amount || a.leg.usdtSlot - b.leg.usdtSlot);
    surplus.sort((a, b) => b.amount - a.amount || a.leg.usdtSlot - b.leg.usdtSlot);
    const reserve = this.gasUsdt(GAS_RESERVE_UNITS, k);
    for (const d of deficits) {
      const fromWallet = Math.min(d.amount, (l0[this.walletUsdt] as number) - reserve - gas);
      if (fromWallet >= MIN_ORDER_USDT) {
        ctx.execute({ venue: "wallet", operation: "transfer", asset: "USDT", amount: fromWallet, toVenue: d.leg.venue, reason });
        d.amount -= fromWallet;
      }
      for (const s of surplus) {
        if (d.amount < MIN_ORDER_USDT) break;
        const amount = Math.min(s.amount, d.amount + gas);
        if (amount < MIN_ORDER_USDT || amount <= gas) continue;
        ctx.execute({ venue: s.leg.venue, operation: "transfer", asset: "USDT", amount, toVenue: d.leg.venue, reason });
        s.amount -= amount;
        d.amount -= amount - gas;
      }
    }
  }

  private exitFull(ctx: StrategyContext, reason: DecisionReason): void {
    const k = ctx.k;
    const l = ctx.ledger;
    ctx.decide("exit_full", reason, {});
    for (const leg of this.legs) {
      const size = l[leg.perpSlot] as number;
      if (size !== 0) ctx.execute({ venue: leg.venue, operation: "perp_trade", asset: "ETH", side: size < 0 ? "buy" : "sell", amount: Math.abs(size), reason });
    }
    if (this.loop) this.loop.exit(ctx, reason);
    const u = l[this.walletLst] as number;
    if (u > 0) {
      const protocol = this.params.lstExitRoute === "protocol";
      ctx.execute({ venue: "wallet", operation: protocol ? "unstake" : "swap", asset: this.params.lstType, side: "sell", amount: u, reason });
    }
    const eth = l[this.walletEth] as number;
    if (eth * this.price(k) >= MIN_ORDER_USDT) ctx.execute({ venue: "wallet", operation: "swap", asset: "ETH", side: "sell", amount: eth, reason });
    const gas = this.gasUsdt(GAS_UNITS.VENUE_TRANSFER, k);
    for (const leg of this.legs) {
      const amount = l[leg.usdtSlot] as number;
      if (amount >= MIN_ORDER_USDT && amount > gas) ctx.execute({ venue: leg.venue, operation: "transfer", asset: "USDT", amount, toVenue: "wallet", reason });
    }
    this.inMarket = false;
  }
}
