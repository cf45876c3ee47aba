// Stress scenarios (issue 6, domain §5): shocks applied to a copy of the market data — instant
// price shock, funding flip, LST de-peg, borrow-rate spike — parsed from the CLI form
// `price:-30`, `funding-flip:7`, `depeg:5:3`, `borrow-spike:50:7`, each optionally `@YYYY-MM-DDTHH`.
import { z } from "zod";
import type { MarketData, Series } from "@/server/market-data/series";
import { EngineError } from "../core/errors";
import { DAY_MS, HOUR_MS } from "../core/clock";

export const STRESS_KINDS = ["price_shock", "funding_flip", "lst_depeg", "borrow_spike"] as const;

export const stressScenarioSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("price_shock"),
    /** Fractional move applied to every spot and perp bar of the asset from `at` on (−0.3 = −30 %). */
    pct: z.number().gt(-1).max(10),
    asset: z.enum(["ETH", "BTC", "ALL"]).default("ALL"),
    at: z.number().optional(),
  }),
  z.strictObject({ kind: z.literal("funding_flip"), days: z.number().positive().max(365), at: z.number().optional() }),
  z.strictObject({ kind: z.literal("lst_depeg"), pct: z.number().gt(0).lt(1), days: z.number().positive().max(365), at: z.number().optional() }),
  z.strictObject({ kind: z.literal("borrow_spike"), apr: z.number().positive().max(10), days: z.number().positive().max(365), at: z.number().optional() }),
]);
export type StressScenario = z.output<typeof stressScenarioSchema>;

const PATTERNS: readonly [RegExp, (m: RegExpMatchArray) => unknown][] = [
  [/^price:([+-]?\d+(?:\.\d+)?)(?::(ETH|BTC|ALL))?$/i, (m) => ({ kind: "price_shock", pct: Number(m[1]) / 100, asset: (m[2] ?? "ALL").toUpperCase() })],
  [/^funding-flip:(\d+(?:\.\d+)?)$/i, (m) => ({ kind: "funding_flip", days: Number(m[1]) })],
  [/^depeg:(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/i, (m) => ({ kind: "lst_depeg", pct: Number(m[1]) / 100, days: Number(m[2]) })],
  [/^borrow-spike:(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/i, (m) => ({ kind: "borrow_spike", apr: Number(m[1]) / 100, days: Number(m[2]) })],
];

export const STRESS_USAGE =
  "--stress price:<±pct>[:ETH|BTC|ALL] | funding-flip:<days> | depeg:<pct>:<days> | borrow-spike:<extra APR pct>:<days>, each optionally @YYYY-MM-DDTHH (default: 7 days after the start)";

/** Parses the CLI form; throws CONFIG-001 naming the problem. */
export function parseStressScenario(text: string): StressScenario {
  const [body, when] = text.split("@");
  let raw: unknown = null;
  for (const [re, build] of PATTERNS) {
    const m = (body ?? "").match(re);
    if (m) raw = build(m);
  }
  if (raw === null) throw new EngineError("CONFIG-001", `stress scenario "${text}": expected ${STRESS_USAGE}`);
  let at: number | undefined;
  if (when !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2})?$/.test(when)) throw new EngineError("CONFIG-001", `stress time "${when}": expected YYYY-MM-DD or YYYY-MM-DDTHH`);
    at = Date.parse(when.length === 10 ? `${when}T00:00:00Z` : `${when}:00:00Z`);
  }
  const parsed = stressScenarioSchema.safeParse({ ...(raw as object), ...(at !== undefined ? { at } : {}) });
  if (!parsed.success) throw new EngineError("CONFIG-001", `stress scenario "${text}": ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** The shock time: the scenario's `at`, else 7 days after the start (half the window when shorter), on the hour. */
export function shockTime(s: StressScenario, start: number, end: number): number {
  const t = s.at ?? start + Math.min(7 * DAY_MS, Math.floor((end - start) / 2 / HOUR_MS) * HOUR_MS);
  if (t < start || t > end || t % HOUR_MS !== 0) throw new EngineError("CONFIG-001", `stress time ${new Date(t).toISOString()} must be an hourly tick inside the window`);
  return t;
}

/** Human label of a scenario (for tables). */
export function describeScenario(s: StressScenario): string {
  switch (s.kind) {
    case "price_shock":
      return `price ${s.pct >= 0 ? "+" : ""}${(s.pct * 100).toFixed(1)} % (${s.asset})`;
    case "funding_flip":
      return `funding negative on all venues for ${s.days} d`;
    case "lst_depeg":
      return `LST exchange rate −${(s.pct * 100).toFixed(2)} % for ${s.days} d`;
    case "borrow_spike":
      return `WETH borrow rate +${(s.apr * 100).toFixed(1)} % APR for ${s.days} d`;
  }
}

function cloneWith(s: Series, fields: Record<string, Float64Array>): Series {
  return { ...s, fields: { ...s.fields, ...fields } };
}

/** Multiplies `names` of `s` by factor(t) (copies; the original data set is untouched). */
function scale(s: Series, names: readonly string[], factor: (t: number) => number): Series {
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    const f = s.fields[name];
    if (!f) continue;
    const g = Float64Array.from(f);
    for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) * factor(s.time[i] as number);
    out[name] = g;
  }
  return cloneWith(s, out);
}

/** A copy of `data` with the scenario's shock applied at `at` (series not touched are shared). */
export function applyStress(data: MarketData, s: StressScenario, at: number): MarketData {
  const series = new Map(data.series);
  const until = "days" in s ? at + s.days * DAY_MS : Number.POSITIVE_INFINITY;
  const inWindow = (t: number): boolean => t >= at && t < until;
  for (const [id, ser] of data.series) {
    const [kind, , sym] = id.split(":");
    if (s.kind === "price_shock" && (kind === "spot" || kind === "perp")) {
      const asset = (sym ?? "").replace(/USDT$/, "");
      if (s.asset !== "ALL" && asset !== s.asset) continue;
      series.set(id, scale(ser, ["open", "high", "low", "close", "mark"], (t) => (t >= at ? 1 + s.pct : 1)));
    } else if (s.kind === "funding_flip" && kind === "funding") {
      const rate = ser.fields.rate;
      if (!rate) continue;
      const g = Float64Array.from(rate);
      for (let i = 0; i < g.length; i++) if (inWindow(ser.time[i] as number)) g[i] = -Math.abs(g[i] as number);
      series.set(id, cloneWith(ser, { rate: g }));
    } else if (s.kind === "lst_depeg" && (kind === "lst" || kind === "lstMarket")) {
      series.set(id, scale(ser, ["ethPerToken"], (t) => (inWindow(t) ? 1 - s.pct : 1)));
    } else if (s.kind === "borrow_spike" && (id === "aave:WETH" || id === "aave:WETH:hourly")) {
      // the index keeps growing by the extra APR (hourly compounding) through the window, then carries the level
      const perHour = 1 + s.apr / 8760;
      const hours = (t: number): number => Math.max(0, Math.min(t, until) - at) / HOUR_MS;
      const shocked = scale(ser, ["variableBorrowIndex"], (t) => Math.pow(perHour, hours(t)));
      const apr = ser.fields.borrowApr;
      if (apr) {
        const g = Float64Array.from(apr);
        for (let i = 0; i < g.length; i++) if (inWindow(ser.time[i] as number)) g[i] = (g[i] as number) + s.apr;
        series.set(id, cloneWith(shocked, { borrowApr: g }));
      } else series.set(id, shocked);
    }
  }
  return { ...data, name: `${data.name} (stressed)`, series };
}
