// Formats compare-table values by their metric kind.
export type MetricFormat = "pct" | "ratio" | "money" | "days" | "count";

export function formatMetric(v: number | null, format: MetricFormat, signed = false): string {
  if (v === null || !Number.isFinite(v)) return "—";
  const sign = signed && v > 0 ? "+" : "";
  switch (format) {
    case "pct":
      return `${sign}${(v * 100).toFixed(2)}%`;
    case "ratio":
      return `${sign}${v.toFixed(2)}`;
    case "money":
      return `${sign}${v.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
    case "days":
      return `${sign}${v.toFixed(1)} d`;
    case "count":
      return `${sign}${Math.round(v)}`;
  }
}
