// eth_staking_only (domain §2.8): stake E − gas into the LST at r on the first tick; the yield is
// the growth of r (never a yield file); idle ETH above the deviation threshold is staked; on the
// last tick with closeAtEnd the LST exits by the configured route (DEX at m, or protocol at r).
import type { StakingParams } from "../config/staking-params";
import type { KeyRegistry } from "../core/position-keys";
import { GAS_UNITS } from "../venues/cost-model";
import type { DefiOrder, SimulatedDefi } from "../venues/simulated-defi";
import { creditRewardsIfDue } from "./rewards";
import type { Strategy, StrategyContext } from "./strategy";

/** Minimum ETH to stake (domain §2.2). */
export const MIN_STAKE_ETH = 0.01;

export function stakingKeys(lst: string): string[] {
  // weETH's protocol exit waits 7 days in ether.fi's queue
  return ["wallet:BaseToken:ETH", `wallet:LST:${lst}`, ...(lst === "weETH" ? ["etherfi:Pending:ETH"] : [])];
}

/** Claims matured ether.fi unstake requests into wallet ETH (before the tick's decision). */
export function claimMaturedUnstakes(ctx: StrategyContext, venue: SimulatedDefi): void {
  const ready = venue.claimableUnstake(ctx.k);
  if (!(ready > 0)) return;
  const order: DefiOrder = { venue: "etherfi", operation: "claim", asset: "ETH", amount: ready, reason: "withdrawal", pendingClaim: true };
  ctx.execute(order);
}

export class StakingStrategy implements Strategy {
  readonly name = "staking";
  readonly keys: readonly string[];
  private readonly params: StakingParams;
  private readonly venue: SimulatedDefi;
  private walletEth = -1;
  private walletLst = -1;
  entered = false;

  constructor(params: StakingParams, venue: SimulatedDefi) {
    this.params = params;
    this.venue = venue;
    this.keys = stakingKeys(params.lstType);
  }

  bind(keys: KeyRegistry): void {
    this.walletEth = keys.slot("wallet:BaseToken:ETH");
    this.walletLst = keys.slot(`wallet:LST:${this.params.lstType}`);
  }

  step(ctx: StrategyContext): void {
    if (this.entered) {
      creditRewardsIfDue(ctx, this.venue);
      claimMaturedUnstakes(ctx, this.venue);
    }
    const wallet = ctx.ledger[this.walletEth] as number;
    if (ctx.withdrawal > 0 && this.entered) return this.withdraw(ctx, wallet);
    if (ctx.last && this.params.closeAtEnd && this.entered) {
      let u = ctx.ledger[this.walletLst] as number;
      if (u > 0) {
        ctx.decide("exit_full", "end_of_run", { lst: u });
        const protocol = this.params.lstExitRoute === "protocol";
        if (protocol && this.params.lstType === "weETH") {
          // ether.fi's queue pays later: a sliver sold on the DEX first pays the gas of both legs
          const k = ctx.k;
          const gas = this.venue.gasQuoteEth(GAS_UNITS.TOKEN_SWAP + GAS_UNITS.STAKE_WITHDRAWAL, k) * 1.01;
          const short = gas - wallet;
          if (short > 0) {
            const sliver = Math.min(u, short / ((this.venue.market.lstMarket[k] as number) * (1 - this.venue.lstSwapCost(short, k))));
            ctx.execute({ venue: "wallet", operation: "swap", asset: "weETH", side: "sell", amount: sliver, reason: "end_of_run" });
            u -= sliver;
          }
        }
        if (u > 0) ctx.execute({ venue: "wallet", operation: protocol ? "unstake" : "swap", asset: this.params.lstType, side: "sell", amount: u, reason: "end_of_run" });
      }
      return;
    }
    if (ctx.last) return;
    const gas = this.venue.gasQuoteEth(GAS_UNITS.STAKE_DEPOSIT, ctx.k);
    // a withdrawal due this tick stays in the wallet
    const amount = wallet - ctx.withdrawal - gas;
    if (!this.entered) {
      if (amount >= MIN_STAKE_ETH) {
        ctx.decide("entry_full", "initial", { eth: amount });
        ctx.execute({ venue: "wallet", operation: "stake", asset: "ETH", amount, reason: "initial" });
        this.entered = true;
      }
      return;
    }
    // a deposit is staked in the same tick; other idle ETH once it is worth it
    if (!ctx.stale && amount >= MIN_STAKE_ETH && (ctx.deposit > 0 || wallet > this.params.positionDeviationThreshold * ctx.equity())) {
      ctx.decide("entry_partial", "deposit", { eth: amount });
      ctx.execute({ venue: "wallet", operation: "stake", asset: "ETH", amount, reason: "deposit" });
    }
  }

  /**
   * A withdrawal (domain §2.2): paid from wallet ETH when it is there (fast path), else the shortfall
   * plus the exit gas is raised by selling LST on the configured route; the kernel pays at tick end.
   */
  private withdraw(ctx: StrategyContext, wallet: number): void {
    const w = ctx.withdrawal;
    if (wallet >= w) return;
    const k = ctx.k;
    // a withdrawal is paid this tick: ether.fi's 7-day queue cannot serve it, the DEX does
    const protocol = this.params.lstExitRoute === "protocol" && this.params.lstType === "wstETH";
    const need = w - wallet + this.venue.gasQuoteEth(protocol ? GAS_UNITS.STAKE_WITHDRAWAL : GAS_UNITS.TOKEN_SWAP, k);
    const held = ctx.ledger[this.walletLst] as number;
    const r = this.venue.market.lstRate[k] as number;
    const perUnit = protocol ? r : (this.venue.market.lstMarket[k] as number) * (1 - this.venue.lstSwapCost(need, k));
    const units = Math.min(held, need / perUnit);
    if (!(units > 0)) return;
    ctx.decide(units >= held ? "exit_full" : "exit_partial", "withdrawal", { amount: w, lst: units });
    ctx.execute({ venue: "wallet", operation: protocol ? "unstake" : "swap", asset: this.params.lstType, side: "sell", amount: units, reason: "withdrawal" });
  }
}
