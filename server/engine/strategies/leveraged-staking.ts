// eth_leveraged (domain §2.9): the AAVE e-mode loop at λ, entered atomically (flash) or recursively;
// each tick: protocol liquidation if HF < 1, then by §2.2 priority delever above maxLtv, delever on
// HF < minHealthFactor or LTV > λ + band, re-lever below λ − band; full unwind at the end (closeAtEnd).
import type { LeveragedParams } from "../config/staking-params";
import type { KeyRegistry } from "../core/position-keys";
import { GAS_UNITS } from "../venues/cost-model";
import type { SimulatedDefi } from "../venues/simulated-defi";
import { LeverageLoop } from "./leverage-loop";
import { creditRewardsIfDue } from "./rewards";
import { stakingKeys } from "./staking";
import type { Strategy, StrategyContext } from "./strategy";

export class LeveragedStakingStrategy implements Strategy {
  readonly name = "leveraged-staking";
  readonly keys: readonly string[];
  readonly loop: LeverageLoop;
  private readonly params: LeveragedParams;
  private walletEth = -1;
  entered = false;
  /** Recursive entry loop count (for tests and the decision payload). */
  loops = 0;
  private hfZone = 0;

  private readonly venue: SimulatedDefi | null;

  constructor(params: LeveragedParams, loop: LeverageLoop, venue: SimulatedDefi | null = null) {
    this.params = params;
    this.loop = loop;
    this.venue = venue;
    this.keys = [...stakingKeys(params.lstType), ...LeverageLoop.keys(params.lstType)];
  }

  bind(keys: KeyRegistry): void {
    this.walletEth = keys.slot("wallet:BaseToken:ETH");
    this.loop.bind(keys);
  }

  step(ctx: StrategyContext): void {
    const k = ctx.k;
    const loop = this.loop;
    if (!this.entered) {
      if (ctx.last) return;
      // a withdrawal due this tick stays in the wallet
      const wallet = (ctx.ledger[this.walletEth] as number) - ctx.withdrawal;
      if (this.params.entryMethod === "atomic") {
        const e = wallet - loop.entryGasEth(k);
        if (!(e > 0.01)) return;
        ctx.decide("entry_full", "initial", { eth: e, targetLtv: loop.lambda, method: "atomic" });
        loop.enterAtomic(ctx, e, "initial");
      } else {
        ctx.decide("entry_full", "initial", { eth: wallet, targetLtv: loop.lambda, method: "recursive" });
        this.loops = loop.enterRecursive(ctx, "initial");
      }
      this.entered = true;
      return;
    }
    loop.liquidateIfUnderwater(ctx);
    if (this.venue) creditRewardsIfDue(ctx, this.venue);
    if (ctx.withdrawal > 0) return this.withdraw(ctx);
    if (ctx.last) {
      if (this.params.closeAtEnd) {
        ctx.decide("exit_full", "end_of_run", {});
        loop.exit(ctx, "end_of_run");
      }
      return;
    }
    if (!ctx.stale) {
      // a deposit is levered in the same tick, as an atomic entry on top of the loop; so is idle ETH
      // (credited rewards) once it passes the deviation threshold
      const e = (ctx.ledger[this.walletEth] as number) - loop.entryGasEth(k);
      const idle = e > this.params.positionDeviationThreshold * ctx.equity();
      if (e > 0.01 && (ctx.deposit > 0 || idle)) {
        const reason = ctx.deposit > 0 ? "deposit" : "dust";
        ctx.decide("entry_partial", reason, { eth: e });
        return loop.enterAtomic(ctx, e, reason);
      }
    }
    const s = loop.read(k);
    if (!(s.debt > 0)) return;
    this.watchHealth(ctx, s.hf);
    const p = this.params;
    const lam = loop.lambda;
    if (s.ltv > p.maxLtv) {
      ctx.decide("exit_partial", "ltv_delever", { ltv: s.ltv, healthFactor: s.hf, urgent: true });
      return loop.delever(ctx, "ltv_delever");
    }
    if (s.hf < p.minHealthFactor || s.ltv > lam + p.ltvRebalanceBand) {
      ctx.decide("exit_partial", "ltv_delever", { ltv: s.ltv, healthFactor: s.hf });
      return loop.delever(ctx, "ltv_delever");
    }
    if (!ctx.stale && s.ltv < lam - p.ltvRebalanceBand) {
      ctx.decide("entry_partial", "ltv_relever", { ltv: s.ltv, healthFactor: s.hf });
      return loop.relever(ctx, "ltv_relever");
    }
  }

  /**
   * A withdrawal (domain §2.2): the fast path when wallet ETH covers it; else net ETH is released
   * from the loop at constant λ (or the loop unwound when it is not enough), gas included.
   */
  private withdraw(ctx: StrategyContext): void {
    const k = ctx.k;
    const w = ctx.withdrawal;
    const wallet = ctx.ledger[this.walletEth] as number;
    if (wallet >= w) return;
    const x = w - wallet + this.loop.gasQuoteEth(GAS_UNITS.ATOMIC_DELEVERAGE_TWO_SWAPS, k);
    const net = this.loop.netEth(k);
    if (x >= 0.98 * net) {
      ctx.decide("exit_full", "withdrawal", { amount: w });
      return this.loop.exit(ctx, "withdrawal");
    }
    ctx.decide("exit_partial", "withdrawal", { amount: w, releaseEth: x });
    this.loop.release(ctx, x, "withdrawal");
  }

  /** Emits RiskThresholdCrossed when HF enters the band below minHealthFactor (1) or below 1 (2). */
  private watchHealth(ctx: StrategyContext, hf: number): void {
    const zone = hf < 1 ? 2 : hf < this.params.minHealthFactor ? 1 : 0;
    if (zone > this.hfZone) ctx.emit("RiskThresholdCrossed", { metric: "healthFactor", value: hf, level: zone === 2 ? "liquidation" : "minHealthFactor" }, zone === 2 ? "HIGH" : "MEDIUM", "aave_v3");
    this.hfZone = zone;
  }
}
