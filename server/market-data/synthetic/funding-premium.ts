// Synthetic perp premium and funding: an hourly premium per (asset, venue) built from a market
// factor, an asset factor and a venue factor (all AR(1) with fat-tailed shocks); funding settles at
// 00/08/16 UTC from the mean premium of the preceding 8 hours, pinned to the venue's interest rate
// when the premium is near it (the venues' clamp: Binance/Bybit BTC funding is exactly 0.01 % about a
// third of the time in the real data), and the perp basis is the premium's excess over that rate plus
// short-lived noise.
import type { Rng } from "./rng";

const HOUR_MS = 3_600_000;
const FUNDING_INTERVAL_HOURS = 8;

export interface FundingParams {
  /** mean of the latent 8-hour premium (fraction) */
  readonly mean: number;
  /** the venues' interest-rate component per 8 h (0.01 %) that funding is pinned to near zero premium */
  readonly interestRate: number;
  /** funding equals interestRate while |premium − interestRate| ≤ pinBand, and moves beyond it */
  readonly pinBand: number;
  /** stationary stdev of the shared (market + asset) hourly premium */
  readonly commonSd: number;
  /** share of the common variance that is market-wide (shared by BTC and ETH) */
  readonly marketShare: number;
  /** stationary stdev of each venue's own hourly premium */
  readonly venueSd: number;
  /**
   * Right tail: a slow market-wide "euphoria" factor (hourly AR(1) `euphoriaPhi`, unit variance) adds
   * euphoriaScale · max(0, factor − euphoriaThreshold)² to every premium, so bull runs bring weeks of
   * high funding on all venues at once (real BTC funding reaches 8.8e-4 per 8 h in early 2024).
   */
  readonly euphoriaScale: number;
  readonly euphoriaThreshold: number;
  readonly euphoriaPhi: number;
  /** hourly AR(1) coefficients */
  readonly commonPhi: number;
  readonly venuePhi: number;
  /** stationary stdev and hourly AR(1) of the non-funding part of the perp basis */
  readonly basisNoiseSd: number;
  readonly basisNoisePhi: number;
}

export interface VenuePremium {
  /** premium at hour boundaries k = -8..n (index k + 8) */
  readonly premium: Float64Array;
  /** perp basis over spot at boundaries k = 0..n */
  readonly basis: Float64Array;
  /** funding events: settlement times and rates */
  readonly fundingTime: Float64Array;
  readonly fundingRate: Float64Array;
}

/** F = I + soft-threshold(P − I, band): I inside the band, the premium shifted by the band outside it. */
export function pinFunding(premium: number, interestRate: number, band: number): number {
  const d = premium - interestRate;
  if (Math.abs(d) <= band) return interestRate;
  return interestRate + (d > 0 ? d - band : d + band);
}

/** AR(1) with unit stationary variance, fat-tailed shocks; starts in the stationary distribution. */
function arSeries(length: number, phi: number, rng: Rng): Float64Array {
  const out = new Float64Array(length);
  const innov = Math.sqrt(1 - phi * phi);
  let x = rng.studentT(4);
  for (let i = 0; i < length; i++) {
    out[i] = x;
    x = phi * x + innov * rng.studentT(4);
  }
  return out;
}

/**
 * Simulates premiums and funding for `assets` × `venues`. `time0` is the epoch ms of boundary 0;
 * funding events fall on every boundary k in [0, n) whose UTC hour is 0, 8 or 16.
 */
export function simulateFunding(
  time0: number,
  n: number,
  assets: readonly string[],
  venues: readonly string[],
  params: FundingParams,
  rng: Rng,
): Map<string, VenuePremium> {
  const warm = FUNDING_INTERVAL_HOURS;
  const len = n + 1 + warm;
  const market = arSeries(len, params.commonPhi, rng);
  const euphoria = arSeries(len, params.euphoriaPhi, rng);
  const bullPremium = new Float64Array(len);
  for (let i = 0; i < len; i++) bullPremium[i] = params.euphoriaScale * Math.max(0, (euphoria[i] as number) - params.euphoriaThreshold) ** 2;
  const marketW = Math.sqrt(params.marketShare);
  const assetW = Math.sqrt(1 - params.marketShare);

  const settlements: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = time0 + k * HOUR_MS;
    if (new Date(t).getUTCHours() % FUNDING_INTERVAL_HOURS === 0) settlements.push(k);
  }

  const out = new Map<string, VenuePremium>();
  for (const asset of assets) {
    const assetF = arSeries(len, params.commonPhi, rng);
    for (const venue of venues) {
      const own = arSeries(len, params.venuePhi, rng);
      const noise = arSeries(n + 1, params.basisNoisePhi, rng);
      const premium = new Float64Array(len);
      for (let i = 0; i < len; i++) {
        const common = marketW * (market[i] as number) + assetW * (assetF[i] as number);
        premium[i] = params.mean + (bullPremium[i] as number) + params.commonSd * common + params.venueSd * (own[i] as number);
      }
      const basis = new Float64Array(n + 1);
      for (let k = 0; k <= n; k++) basis[k] = (premium[k + warm] as number) - params.interestRate + params.basisNoiseSd * (noise[k] as number);
      const fundingTime = new Float64Array(settlements.length);
      const fundingRate = new Float64Array(settlements.length);
      settlements.forEach((k, e) => {
        let sum = 0;
        // hours k-8 .. k-1 live at indices k .. k+7 (index = k + warm)
        for (let i = k; i < k + warm; i++) sum += premium[i] as number;
        fundingTime[e] = time0 + k * HOUR_MS;
        fundingRate[e] = pinFunding(sum / warm, params.interestRate, params.pinBand);
      });
      out.set(`${venue}:${asset}`, { premium, basis, fundingTime, fundingRate });
    }
  }
  return out;
}
