// Synthetic liquid-staking token rates: the protocol exchange rate (ETH per token) accrues hourly
// from a slowly varying staking APR (never decreasing), and the DEX market rate trades at a small,
// mean-reverting, occasionally fat-tailed discount to it.
import type { Rng } from "./rng";

export interface LstParams {
  /** ETH per token at the first hour */
  readonly start: number;
  /** staking APR: mean, stationary stdev, hourly AR(1) */
  readonly aprMean: number;
  readonly aprSd: number;
  readonly aprPhi: number;
  /** market discount to the protocol rate: mean, stationary stdev, hourly AR(1) */
  readonly discountMean: number;
  readonly discountSd: number;
  readonly discountPhi: number;
}

export interface LstSeries {
  readonly ethPerToken: Float64Array;
  readonly marketEthPerToken: Float64Array;
}

export function simulateLst(n: number, p: LstParams, rng: Rng): LstSeries {
  const ethPerToken = new Float64Array(n);
  const marketEthPerToken = new Float64Array(n);
  const aprInnov = p.aprSd * Math.sqrt(1 - p.aprPhi * p.aprPhi);
  const discInnov = p.discountSd * Math.sqrt(1 - p.discountPhi * p.discountPhi);
  let apr = p.aprMean + p.aprSd * rng.normal();
  let disc = p.discountMean + p.discountSd * rng.normal();
  let r = p.start;
  for (let k = 0; k < n; k++) {
    ethPerToken[k] = r;
    marketEthPerToken[k] = r * (1 - disc);
    r *= 1 + Math.max(0, apr) / 8760;
    apr = p.aprMean + p.aprPhi * (apr - p.aprMean) + aprInnov * rng.normal();
    disc = p.discountMean + p.discountPhi * (disc - p.discountMean) + discInnov * rng.studentT(4);
  }
  return { ethPerToken, marketEthPerToken };
}
