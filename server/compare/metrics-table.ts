// Side-by-side metrics: best value per row and difference to a baseline run.

export type Better = "higher" | "lower";

export interface MetricDef {
  readonly key: string;
  readonly label: string;
  readonly better: Better;
  /** how the UI formats it */
  readonly format: "pct" | "ratio" | "money" | "days" | "count";
}

/** The compare table's rows, in display order (domain §5 definitions). */
export const COMPARE_METRICS: readonly MetricDef[] = [
  { key: "apy", label: "APY", better: "higher", format: "pct" },
  { key: "totalReturn", label: "Total return", better: "higher", format: "pct" },
  { key: "annualVolatility", label: "Volatility", better: "lower", format: "pct" },
  { key: "sharpe", label: "Sharpe", better: "higher", format: "ratio" },
  { key: "sortino", label: "Sortino", better: "higher", format: "ratio" },
  { key: "maxDrawdown", label: "Max drawdown", better: "lower", format: "pct" },
  { key: "maxDrawdownDays", label: "Drawdown duration", better: "lower", format: "days" },
  { key: "fundingCaptured", label: "Funding captured", better: "higher", format: "money" },
  { key: "feesPaid", label: "Fees", better: "lower", format: "money" },
  { key: "rebalances", label: "Rebalances", better: "lower", format: "count" },
  { key: "timeInMarket", label: "Time in market", better: "higher", format: "pct" },
];

export interface MetricRow {
  readonly def: MetricDef;
  readonly values: (number | null)[];
  /** index of the best run, or null when fewer than two runs have a value or all tie */
  readonly best: number | null;
  /** value − baseline value, null where either is missing */
  readonly diffToBaseline: (number | null)[];
}

export function buildMetricRows(
  metrics: readonly Readonly<Record<string, number | null | undefined>>[],
  baselineIndex: number,
  defs: readonly MetricDef[] = COMPARE_METRICS,
): MetricRow[] {
  return defs.map((def) => {
    const values = metrics.map((m) => {
      const v = m[def.key];
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    });
    let best: number | null = null;
    let count = 0;
    values.forEach((v, i) => {
      if (v === null) return;
      count++;
      const b = best === null ? null : values[best];
      if (b === null || b === undefined || (def.better === "higher" ? v > b : v < b)) best = i;
    });
    const distinct = new Set(values.filter((v) => v !== null));
    if (count < 2 || distinct.size < 2) best = null;
    const base = values[baselineIndex] ?? null;
    const diffToBaseline = values.map((v) => (v === null || base === null ? null : v - base));
    return { def, values, best, diffToBaseline };
  });
}
