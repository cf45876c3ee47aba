// Window statistics of one series (the `data stats` command): funding carry, AAVE/LST APY from index ratios, bar ranges.

import type { Series, SeriesKind } from "./series";

export const DAY_MS = 86_400_000;

export type StatsErrorCode = "invalid-window" | "window-outside-data" | "no-snapshot" | "missing-field";

/** A stats request the data cannot answer; the CLI maps it to exit code 2. */
export class SeriesStatsError extends Error {
  override readonly name = "SeriesStatsError";
  constructor(
    readonly code: StatsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface FundingStats {
  events: number;
  sum: number;
  meanPerEvent: number;
  /** sum × 365 / days in window. */
  annualizedCalendar: number;
  /** meanPerEvent × events per day (from the settlement interval) × 365. */
  annualizedPerEvent: number;
  first: string;
  last: string;
}
export interface AaveStats {
  supplyApyFromIndex: number;
  borrowApyFromIndex: number;
  meanSupplyApr: number;
  meanBorrowApr: number;
}
export interface LstStats {
  apy: number;
}
export interface BarStats {
  bars: number;
  firstOpen: number;
  lastClose: number;
  minLow: number;
  maxHigh: number;
}
export interface GasStats {
  points: number;
  meanGwei: number;
  minGwei: number;
  maxGwei: number;
  first: string;
  last: string;
}
export interface BenchmarkStats {
  points: number;
  meanApr: number;
  /** null when the series has no apy field (the synthetic benchmark carries apr only). */
  meanApy: number | null;
  first: string;
  last: string;
}
export interface RewardsStats {
  points: number;
  meanDailyYield: number;
  /** meanDailyYield × 365: each point's daily yield holds until the next point (daily grid or weekly credits alike). */
  annualized: number;
  first: string;
  last: string;
}
export interface CostsStats {
  points: number;
  meanBps10k: number;
  meanBps100k: number;
  meanBps1m: number;
}
export type SeriesStats = FundingStats | AaveStats | LstStats | BarStats | GasStats | BenchmarkStats | RewardsStats | CostsStats;

const iso = (ms: number) => new Date(ms).toISOString();

/** Index range [lo, hi) of times in [fromMs, toMs). */
export function windowRange(time: Float64Array, fromMs: number, toMs: number): [number, number] {
  const lowerBound = (t: number) => {
    let lo = 0;
    let hi = time.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((time[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lowerBound(fromMs), lowerBound(toMs)];
}

function field(series: Series, name: string): Float64Array {
  const f = series.fields[name];
  if (!f) throw new SeriesStatsError("missing-field", `${series.id} has no field ${name}`);
  return f;
}

/** Events per day implied by the series' spacing (median; 8 h funding → 3, hourly bars → 24). */
export function eventsPerDay(time: Float64Array): number {
  if (time.length < 2) return 3;
  const diffs: number[] = [];
  for (let i = 1; i < time.length; i++) diffs.push((time[i] as number) - (time[i - 1] as number));
  diffs.sort((a, b) => a - b);
  return DAY_MS / (diffs[diffs.length >> 1] as number);
}

/** The snapshot index whose time is exactly `t`; a SeriesStatsError otherwise. */
function exactSnapshot(series: Series, t: number, label: string): number {
  const [i] = windowRange(series.time, t, t + 1);
  if (i < series.time.length && series.time[i] === t) return i;
  const first = series.time[0] as number;
  const last = series.time[series.time.length - 1] as number;
  const code = t < first || t > last ? "window-outside-data" : "no-snapshot";
  throw new SeriesStatsError(code, `${series.id} has no snapshot at exactly ${iso(t)} (--${label}); it covers ${iso(first)} … ${iso(last)}`);
}

/** (v(to) / v(from))^(365/days) − 1 with the snapshots at exactly from and to. */
function apyFromRatio(series: Series, values: Float64Array, fromMs: number, toMs: number): number {
  const a = exactSnapshot(series, fromMs, "from");
  const b = exactSnapshot(series, toMs, "to");
  const days = (toMs - fromMs) / DAY_MS;
  return Math.pow((values[b] as number) / (values[a] as number), 365 / days) - 1;
}

function mean(values: Float64Array, lo: number, hi: number): number {
  let s = 0;
  for (let i = lo; i < hi; i++) s += values[i] as number;
  return s / (hi - lo);
}

/**
 * Statistics of `series` over [fromMs, toMs) (from inclusive, to exclusive, UTC). Event-like kinds
 * (funding, bars, gas, benchmark, rewards, costs) use the points inside the window. Index-like kinds
 * (aave, lst, lstMarket) use the snapshots at exactly `from` and exactly `to`: the growth of an
 * index over [from, to) is index(to)/index(from), so the `to` snapshot is the window's closing
 * boundary, not a point inside it. Throws SeriesStatsError when the window is empty, reaches
 * outside the data (event kinds: before the first point or past the last point + one spacing), or
 * lacks an exact snapshot (index kinds).
 */
export function computeSeriesStats(series: Series, fromMs: number, toMs: number): SeriesStats {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs)
    throw new SeriesStatsError("invalid-window", `empty window: --to (${iso(toMs)}) must be after --from (${iso(fromMs)})`);
  const days = (toMs - fromMs) / DAY_MS;
  const kind: SeriesKind = series.kind;

  if (kind === "aave") {
    const [lo, hi] = windowRange(series.time, fromMs, toMs);
    return {
      supplyApyFromIndex: apyFromRatio(series, field(series, "liquidityIndex"), fromMs, toMs),
      borrowApyFromIndex: apyFromRatio(series, field(series, "variableBorrowIndex"), fromMs, toMs),
      meanSupplyApr: mean(field(series, "supplyApr"), lo, hi),
      meanBorrowApr: mean(field(series, "borrowApr"), lo, hi),
    };
  }
  if (kind === "lst" || kind === "lstMarket") return { apy: apyFromRatio(series, field(series, "ethPerToken"), fromMs, toMs) };

  const [lo, hi] = windowRange(series.time, fromMs, toMs);
  if (hi <= lo) {
    const first = series.time[0];
    const last = series.time[series.time.length - 1];
    throw new SeriesStatsError(
      "window-outside-data",
      `${series.id} has no points in [${iso(fromMs)}, ${iso(toMs)}); it covers ${first === undefined ? "nothing" : `${iso(first)} … ${iso(last as number)}`}`,
    );
  }
  // a window reaching past either end of the data would dilute calendar annualisation: refuse it
  const spacing = DAY_MS / eventsPerDay(series.time);
  const coverFrom = series.time[0] as number;
  const coverTo = (series.time[series.time.length - 1] as number) + spacing;
  if (fromMs < coverFrom || toMs > coverTo)
    throw new SeriesStatsError("window-outside-data", `window [${iso(fromMs)}, ${iso(toMs)}) reaches outside ${series.id}, which covers [${iso(coverFrom)}, ${iso(coverTo)})`);
  const n = hi - lo;
  const firstIso = iso(series.time[lo] as number);
  const lastIso = iso(series.time[hi - 1] as number);

  switch (kind) {
    case "funding": {
      const rate = field(series, "rate");
      let sum = 0;
      for (let i = lo; i < hi; i++) sum += rate[i] as number;
      const meanPerEvent = sum / n;
      return { events: n, sum, meanPerEvent, annualizedCalendar: (sum * 365) / days, annualizedPerEvent: meanPerEvent * eventsPerDay(series.time) * 365, first: firstIso, last: lastIso };
    }
    case "spot":
    case "perp": {
      const low = field(series, "low");
      const high = field(series, "high");
      let minLow = Infinity;
      let maxHigh = -Infinity;
      for (let i = lo; i < hi; i++) {
        minLow = Math.min(minLow, low[i] as number);
        maxHigh = Math.max(maxHigh, high[i] as number);
      }
      return { bars: n, firstOpen: field(series, "open")[lo] as number, lastClose: field(series, "close")[hi - 1] as number, minLow, maxHigh };
    }
    case "gas": {
      const g = field(series, "gasPriceGwei");
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i++) {
        min = Math.min(min, g[i] as number);
        max = Math.max(max, g[i] as number);
      }
      return { points: n, meanGwei: mean(g, lo, hi), minGwei: min, maxGwei: max, first: firstIso, last: lastIso };
    }
    case "benchmark": {
      const apy = series.fields.apy;
      return { points: n, meanApr: mean(field(series, "apr"), lo, hi), meanApy: apy ? mean(apy, lo, hi) : null, first: firstIso, last: lastIso };
    }
    case "rewards": {
      const y = field(series, "dailyYield");
      const m = mean(y, lo, hi);
      return { points: n, meanDailyYield: m, annualized: m * 365, first: firstIso, last: lastIso };
    }
    case "costs":
      return { points: n, meanBps10k: mean(field(series, "bps10k"), lo, hi), meanBps100k: mean(field(series, "bps100k"), lo, hi), meanBps1m: mean(field(series, "bps1m"), lo, hi) };
  }
  throw new SeriesStatsError("missing-field", `no statistics defined for kind ${String(kind)}`);
}
