// eth_staking_only (domain §2.8): stake E − gas into the LST at r on the first tick; the yield is
// the growth of r (never a yield file); idle ETH above the deviation threshold is staked; on the
// last tick with closeAtEnd the LST exits by the configured route (DEX at m, or protocol at r).
import type { StakingParams } from "../config/staking-params";
import type { KeyRegistry } from "../core/position-keys";
import { GAS_UNITS } from "../venues/cost-model";
import type { SimulatedDefi } from "../venues/simulated-defi";
import type { Strategy, StrategyContext } from "./strategy";

/** Minimum ETH to stake (domain §2.2). */
export const MIN_STAKE_ETH = 0.01;

export function stakingKeys(lst: string): string[] {
  return ["wallet:BaseToken:ETH", `wallet:LST:${lst}`];
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
    const wallet = ctx.ledger[this.walletEth] as number;
    if (ctx.last && this.params.closeAtEnd && this.entered) {
      const u = ctx.ledger[this.walletLst] as number;
      if (u > 0) {
        ctx.decide("exit_full", "end_of_run", { lst: u });
        const protocol = this.params.lstExitRoute === "protocol";
        ctx.execute({ venue: "wallet", operation: protocol ? "unstake" : "swap", asset: this.params.lstType, side: "sell", amount: u, reason: "end_of_run" });
      }
      return;
    }
    if (ctx.last) return;
    const gas = this.venue.gasQuoteEth(GAS_UNITS.STAKE_DEPOSIT, ctx.k);
    const amount = wallet - gas;
    if (!this.entered) {
      if (amount >= MIN_STAKE_ETH) {
        ctx.decide("entry_full", "initial", { eth: amount });
        ctx.execute({ venue: "wallet", operation: "stake", asset: "ETH", amount, reason: "initial" });
        this.entered = true;
      }
      return;
    }
    // idle ETH (a deposit, or dust left over) is staked once it is worth it
    if (!ctx.stale && amount >= MIN_STAKE_ETH && wallet > this.params.positionDeviationThreshold * ctx.equity()) {
      ctx.decide("entry_partial", "deposit", { eth: amount });
      ctx.execute({ venue: "wallet", operation: "stake", asset: "ETH", amount, reason: "deposit" });
    }
  }
}
