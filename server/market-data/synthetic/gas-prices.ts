// Synthetic Ethereum gas price: lognormal around a median that falls log-linearly over time (high
// in 2024, near 1 gwei by late 2025, as on mainnet), with an intraday cycle (busiest mid-afternoon
// UTC) and a persistent, fat-tailed log deviation for congestion spikes; split into base fee and
// priority-fee percentiles the way the real file's columns relate (gas = base fee + p50 tip).
import type { Rng } from "./rng";

const HOUR_MS = 3_600_000;
const YEAR_MS = 365 * 24 * HOUR_MS;

export interface GasParams {
  /** median gwei at `anchorTime` */
  readonly medianAtAnchor: number;
  readonly anchorTime: number;
  /** change of ln(median) per year */
  readonly logTrendPerYear: number;
  /** amplitude of the intraday cycle in log units */
  readonly dailyAmplitude: number;
  /** stationary stdev and hourly AR(1) of the log deviation */
  readonly logSd: number;
  readonly logPhi: number;
  readonly floorGwei: number;
}

export function simulateGas(time: Float64Array, p: GasParams, rng: Rng): Float64Array {
  const n = time.length;
  const out = new Float64Array(n);
  const innov = p.logSd * Math.sqrt(1 - p.logPhi * p.logPhi);
  let dev = p.logSd * rng.normal();
  const lnAnchor = Math.log(p.medianAtAnchor);
  for (let k = 0; k < n; k++) {
    const t = time[k] as number;
    const hour = Math.floor(t / HOUR_MS) % 24;
    const cycle = p.dailyAmplitude * Math.cos((2 * Math.PI * (hour - 15)) / 24);
    const level = lnAnchor + (p.logTrendPerYear * (t - p.anchorTime)) / YEAR_MS;
    out[k] = Math.max(p.floorGwei, Math.exp(level + cycle + dev));
    dev = p.logPhi * dev + innov * rng.studentT(4);
  }
  return out;
}

/**
 * Splits each gas price into base fee + median tip, with p25 ≤ p50 ≤ p75 tips; the tip is a
 * lognormal share of the price (median ≈ 13 %, as in the real file).
 */
export function splitGasFees(gas: Float64Array, rng: Rng): Record<string, Float64Array> {
  const n = gas.length;
  const baseFeeGwei = new Float64Array(n);
  const priorityFeeP25Gwei = new Float64Array(n);
  const priorityFeeP50Gwei = new Float64Array(n);
  const priorityFeeP75Gwei = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const g = gas[k] as number;
    const share = Math.min(0.6, Math.max(0.005, 0.13 * Math.exp(0.8 * rng.normal())));
    const p50 = g * share;
    baseFeeGwei[k] = g - p50;
    priorityFeeP50Gwei[k] = p50;
    priorityFeeP25Gwei[k] = p50 * Math.min(1, 0.15 * Math.exp(0.6 * rng.normal()));
    priorityFeeP75Gwei[k] = p50 * (1 + 2.2 * Math.exp(0.4 * rng.normal()));
  }
  return { baseFeeGwei, priorityFeeP25Gwei, priorityFeeP50Gwei, priorityFeeP75Gwei };
}
