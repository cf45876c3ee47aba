// ether.fi rewards (domain §3.5): accrued by the staking venue hour by hour on the eETH-equivalent
// holdings and credited in ETH at the first tick of each Monday 00:00 UTC (RewardsCredited). With no
// reward-token prices the credit is already ETH: it is the mode's sell_dust (§2.8 "turned into ETH").
import { DAY_MS } from "../core/clock";
import type { SimulatedDefi } from "../venues/simulated-defi";
import type { StrategyContext } from "./strategy";

const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday: Mondays 00:00 UTC sit 4 days into each epoch week. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

export function isMondayMidnight(t: number): boolean {
  return t % WEEK_MS === MONDAY_OFFSET_MS;
}

/** Credits the rewards accrued since the last Monday; returns the ETH credited (0 when not due). */
export function creditRewardsIfDue(ctx: StrategyContext, venue: SimulatedDefi): number {
  if (!isMondayMidnight(ctx.t)) return 0;
  const pending = venue.pendingRewards;
  if (!(pending > 0)) return 0;
  ctx.decide("sell_dust", "dust", { eth: pending });
  ctx.execute({ venue: "etherfi", operation: "claim", asset: "ETH", amount: pending, reason: "dust" });
  ctx.emit("RewardsCredited", { eth: pending }, undefined, "etherfi");
  return pending;
}
