// Synthetic reward and benchmark yields: ether.fi-style weekly reward credits (Mondays 00:00 UTC,
// each a fraction of principal per day for the following week) and a daily sUSDe-style benchmark
// APR that mean-reverts around a high stablecoin yield.
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
