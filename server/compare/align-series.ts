// Puts several runs' time series on one x axis: calendar time, or days since each run's start.
// Isomorphic pure functions: the compare page, the CSV export and tests all share them.

export type AlignMode = "calendar" | "sinceStart";

export interface RunSeries {
  readonly runId: string;
  /** UTC epoch ms, strictly increasing */
  readonly t: readonly number[];
  /** one array per named metric, same length as t */
  readonly values: Readonly<Record<string, readonly number[]>>;
}

/** One row per x value; `runId:metric` columns hold a number or null where a run has no data. */
export interface AlignedTable {
  readonly mode: AlignMode;
  /** epoch ms (calendar) or fractional days since start */
  readonly x: number[];
  readonly columns: Record<string, (number | null)[]>;
}

const DAY_MS = 86_400_000;

/** Normalises a series so its first finite value is 100 (equity curves of different capital compare). */
export function normaliseTo100(values: readonly number[]): number[] {
  const first = values.find((v) => Number.isFinite(v) && v !== 0);
  if (first === undefined) return values.map(() => Number.NaN);
  return values.map((v) => (v / first) * 100);
}

/** Drawdown (non-negative fraction below the running peak) for each point. */
export function drawdownSeries(values: readonly number[]): number[] {
  let peak = -Infinity;
  return values.map((v) => {
    peak = Math.max(peak, v);
    return peak > 0 ? 1 - v / peak : 0;
  });
}

/**
 * Aligns runs on the union of their x values. A run contributes its as-of value (last point at or
 * before x) inside its own window and null outside it: no extrapolation past its first or last point.
 */
export function alignRuns(runs: readonly RunSeries[], metrics: readonly string[], mode: AlignMode): AlignedTable {
  const xsPerRun = runs.map((r) => {
    const t0 = r.t[0] ?? 0;
    return mode === "calendar" ? r.t.slice() : r.t.map((t) => (t - t0) / DAY_MS);
  });
  const xSet = new Set<number>();
  for (const xs of xsPerRun) for (const x of xs) xSet.add(x);
  const x = Array.from(xSet).sort((a, b) => a - b);
  const columns: Record<string, (number | null)[]> = {};
  runs.forEach((run, r) => {
    const xs = xsPerRun[r] ?? [];
    for (const metric of metrics) {
      const vals = run.values[metric];
      const col: (number | null)[] = new Array(x.length).fill(null);
      if (vals && xs.length > 0) {
        let j = 0;
        const first = xs[0] as number;
        const last = xs[xs.length - 1] as number;
        for (let i = 0; i < x.length; i++) {
          const xi = x[i] as number;
          if (xi < first || xi > last) continue;
          while (j + 1 < xs.length && (xs[j + 1] as number) <= xi) j++;
          const v = vals[j];
          col[i] = v === undefined || !Number.isFinite(v) ? null : v;
        }
      }
      columns[`${run.runId}:${metric}`] = col;
    }
  });
  return { mode, x, columns };
}
