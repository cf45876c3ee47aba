// Synthetic reward and benchmark yields: ether.fi-style weekly reward credits (Mondays 00:00 UTC,
// each a fraction of principal per day for the following week) and a daily sUSDe-style benchmark
// APR that mean-reverts around a high stablecoin yield, with the APY / reward-APY fields the real
// DeFiLlama exports carry, and the hourly interpolation the real pipeline derived from them.
import type { Rng } from "./rng";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface EventSeries {
  readonly time: Float64Array;
  readonly value: Float64Array;
}

/** Midnight UTC of every day in [start, end]. */
function dailyTimes(start: number, end: number, everyDays: number, firstOffsetDays: number): number[] {
  const first = Math.ceil(start / DAY_MS) * DAY_MS + firstOffsetDays * DAY_MS;
  const out: number[] = [];
  for (let t = first; t <= end; t += everyDays * DAY_MS) out.push(t);
  return out;
}

/** Weekly reward credits on Mondays: dailyYield = reward APR / 365, APR lognormal around `medianApr`. */
export function simulateWeeklyRewards(start: number, end: number, medianApr: number, rng: Rng): EventSeries {
  const firstMidnight = Math.ceil(start / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: day index % 7 === 4 is a Monday
  const dayIdx = firstMidnight / DAY_MS;
  const toMonday = (4 - (dayIdx % 7) + 7) % 7;
  const times = dailyTimes(start, end, 7, toMonday);
  const value = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) value[i] = (medianApr * Math.exp(0.35 * rng.normal())) / 365;
  return { time: Float64Array.from(times), value };
}

/** Daily benchmark APR: AR(1) around `mean` with stdev `sd`, floored at `floor`. */
export function simulateBenchmarkApr(
  start: number,
  end: number,
  p: { mean: number; sd: number; phi: number; floor: number },
  rng: Rng,
): EventSeries {
  const times = dailyTimes(start, end, 1, 0);
  const value = new Float64Array(times.length);
  const innov = p.sd * Math.sqrt(1 - p.phi * p.phi);
  let x = p.sd * rng.normal();
  for (let i = 0; i < times.length; i++) {
    value[i] = Math.max(p.floor, p.mean + x);
    x = p.phi * x + innov * rng.normal();
  }
  return { time: Float64Array.from(times), value };
}

/** Daily-compounding APY from an APR (the inverse of the importer's aprFromApy). */
export function apyFromApr(apr: number): number {
  return Math.pow(1 + apr / 365, 365) - 1;
}

/** APR from a daily-compounding APY: 365 × ((1 + apy)^(1/365) − 1). */
export function aprFromApy(apy: number): number {
  return 365 * (Math.pow(1 + apy, 1 / 365) - 1);
}

/**
 * A DeFiLlama-style daily yield pool: base APY AR(1) around `baseMean`, reward APY AR(1) around
 * `rewardMean` (both floored), apr = the base APY's daily-compounding APR.
 */
export function simulateYieldPool(
  start: number,
  end: number,
  p: { baseMean: number; baseSd: number; rewardMean: number; rewardSd: number; phi: number; floor: number },
  rng: Rng,
): { time: Float64Array; fields: { apr: Float64Array; apy: Float64Array; rewardApy: Float64Array } } {
  const times = dailyTimes(start, end, 1, 0);
  const n = times.length;
  const apr = new Float64Array(n);
  const apy = new Float64Array(n);
  const rewardApy = new Float64Array(n);
  const innov = Math.sqrt(1 - p.phi * p.phi);
  let b = p.baseSd * rng.normal();
  let r = p.rewardSd * rng.normal();
  for (let i = 0; i < n; i++) {
    apy[i] = Math.max(p.floor, p.baseMean + b);
    rewardApy[i] = Math.max(0, p.rewardMean + r);
    apr[i] = aprFromApy(apy[i] as number);
    b = p.phi * b + p.baseSd * innov * rng.normal();
    r = p.phi * r + p.rewardSd * innov * rng.normal();
  }
  return { time: Float64Array.from(times), fields: { apr, apy, rewardApy } };
}

/** Linear interpolation of daily values onto the hours from the first to the last day (inclusive). */
export function interpolateDailyToHourly(
  time: Float64Array,
  fields: Readonly<Record<string, Float64Array>>,
): { time: Float64Array; fields: Record<string, Float64Array> } {
  const n = time.length;
  if (n === 0) return { time: new Float64Array(0), fields: Object.fromEntries(Object.keys(fields).map((f) => [f, new Float64Array(0)])) };
  const first = time[0] as number;
  const hours = ((time[n - 1] as number) - first) / HOUR_MS + 1;
  const outTime = new Float64Array(hours);
  for (let h = 0; h < hours; h++) outTime[h] = first + h * HOUR_MS;
  const out: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(fields)) {
    const a = new Float64Array(hours);
    let d = 0;
    for (let h = 0; h < hours; h++) {
      const t = outTime[h] as number;
      while (d + 1 < n - 1 && (time[d + 1] as number) <= t) d++;
      const t0 = time[d] as number;
      const t1 = time[Math.min(d + 1, n - 1)] as number;
      const v0 = values[d] as number;
      const v1 = values[Math.min(d + 1, n - 1)] as number;
      a[h] = t1 === t0 ? v0 : v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
    out[name] = a;
  }
  return { time: outTime, fields: out };
}
