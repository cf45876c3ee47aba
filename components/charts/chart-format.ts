// Axis and tooltip formatters shared by the chart wrappers.
export type ValueFormat = "money" | "percent" | "ratio" | "units";

export function formatValue(v: number, f: ValueFormat): string {
  if (!Number.isFinite(v)) return "—";
  switch (f) {
    case "money":
      return Math.abs(v) >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : Math.abs(v) >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : v.toFixed(2);
    case "percent":
      return `${(v * 100).toFixed(2)}%`;
    case "ratio":
      return v.toFixed(3);
    case "units":
      // net deltas of a hedged book are tiny: keep significant digits rather than fixed decimals
      return v === 0 ? "0" : Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 0.01 ? v.toFixed(4) : v.toExponential(1);
  }
}

export function formatDateTick(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function formatDateTime(t: number): string {
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export const SERIES_COLORS = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#64748b", "#db2777"];
