// Formatting of run figures for cards and tables (fractions as %, money with separators).
export const pct = (v: number | null | undefined, digits = 2): string => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : "—");
export const num = (v: number | null | undefined, digits = 2): string => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—");
export const money = (v: number | null | undefined, ccy = ""): string =>
  typeof v === "number" && Number.isFinite(v) ? `${v.toLocaleString("en-US", { maximumFractionDigits: 2 })}${ccy ? ` ${ccy}` : ""}` : "—";
export const day = (d: Date | string): string => new Date(d).toISOString().slice(0, 10);
export const dateTime = (d: Date | string): string => new Date(d).toISOString().slice(0, 16).replace("T", " ");
