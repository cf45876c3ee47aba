// Loads 2–10 runs for the compare page: summary metrics (best per row, diff to baseline), config
// diff, and overlaid series (equity ×100, drawdown, cumulative attribution, net delta, HF, margin)
// aligned on calendar time or days since start, thinned with LTTB so the page stays fast.
import type pg from "pg";
import { z } from "zod";
import { ATTRIBUTION_TERMS, STEP_COLUMNS, type AttributionTerm } from "../engine/types";
import { AppError } from "../errors";
import { lttbIndexes } from "../charts/lttb";
import { alignRuns, drawdownSeries, normaliseTo100, type AlignMode, type AlignedTable, type RunSeries } from "./align-series";
import { diffConfigs, type ConfigDiff } from "./config-diff";
import { buildMetricRows, type MetricDef } from "./metrics-table";

export const MAX_COMPARE_RUNS = 10;
/** Points per chart over all runs together (Recharts ≈ 50 µs per row: stack-notes §8). */
export const COMPARE_POINT_BUDGET = 3_000;

/** Attribution term → its stored step column (STEP_COLUMNS names them attr_<snake_case>). */
export const ATTRIBUTION_COLUMNS = Object.fromEntries(
  ATTRIBUTION_TERMS.map((term) => {
    const column = `attr_${term.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
    if (!(STEP_COLUMNS as readonly string[]).includes(column)) throw new Error(`no step column ${column}`);
    return [term, column];
  }),
) as Record<AttributionTerm, string>;

/** Series names available per run in the aligned table (`<runId>:<name>` columns). */
export const COMPARE_SERIES = ["equity100", "drawdown", "netDeltaValue", "healthFactor", "minMarginRatio", ...Object.keys(ATTRIBUTION_COLUMNS).map((k) => `cum_${k}`)] as const;

export const compareInputSchema = z.object({
  runIds: z.array(z.uuid({ message: "run ids are UUIDs" })).min(2, "select at least 2 runs").max(MAX_COMPARE_RUNS, `select at most ${MAX_COMPARE_RUNS} runs`),
  align: z.enum(["calendar", "sinceStart"]).default("calendar"),
  baselineId: z.uuid().optional(),
  /** full resolution (CSV export) instead of the chart budget */
  full: z.boolean().default(false),
});
export type CompareInput = z.input<typeof compareInputSchema>;

const metricsSchema = z.record(z.string(), z.number().nullable()).catch({});
const summarySchema = z.object({ metrics: metricsSchema, finalEquity: z.number().optional() }).partial().catch({});

export interface CompareRunInfo {
  id: string;
  name: string;
  mode: string;
  status: string;
  dataset: { name: string; version: number; source: string };
  windowStart: string;
  windowEnd: string;
  capital: number;
  shareClass: string;
}

export interface CompareResult {
  runs: CompareRunInfo[];
  baselineId: string;
  metrics: { def: MetricDef; values: (number | null)[]; best: number | null; diffToBaseline: (number | null)[] }[];
  configDiff: ConfigDiff;
  table: AlignedTable;
}

interface RunRow {
  id: string;
  name: string;
  mode: string;
  status: string;
  datasetName: string;
  datasetVersion: number;
  datasetSource: string;
  windowStart: Date;
  windowEnd: Date;
  capital: number;
  shareClass: string;
  config: unknown;
  summary: unknown;
}

function finiteOrNaN(v: number | null): number {
  return v === null ? Number.NaN : v;
}

async function loadRunSeries(pool: pg.Pool, runId: string, budget: number | null): Promise<RunSeries> {
  const attrCols = Object.values(ATTRIBUTION_COLUMNS).join(", ");
  const { rows } = await pool.query<Record<string, number | null>>(
    `SELECT time_ms, equity, exposure_net_delta_value, health_factor,
            LEAST(margin_ratio_binance, margin_ratio_bybit, margin_ratio_okx) AS min_margin, ${attrCols}
       FROM run_steps WHERE run_id = $1 ORDER BY step`,
    [runId],
  );
  const n = rows.length;
  const t = new Float64Array(n);
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as Record<string, number | null>;
    t[i] = r.time_ms ?? Number.NaN;
    equity[i] = finiteOrNaN(r.equity ?? null);
  }
  const eq100 = normaliseTo100(Array.from(equity));
  const dd = drawdownSeries(Array.from(equity));
  const cumulative: Record<string, number[]> = {};
  for (const [key, col] of Object.entries(ATTRIBUTION_COLUMNS)) {
    const out = new Array<number>(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += (rows[i] as Record<string, number | null>)[col] ?? 0;
      out[i] = sum;
    }
    cumulative[`cum_${key}`] = out;
  }
  // Drawdown extremes matter most in a comparison, so thin on drawdown (LTTB keeps peaks).
  const keep = budget !== null && n > budget ? Array.from(lttbIndexes(t, dd, budget)) : null;
  const pick = <T>(arr: ArrayLike<T>): T[] => (keep ? keep.map((i) => arr[i] as T) : Array.from(arr));
  const values: Record<string, number[]> = {
    equity100: pick(eq100),
    drawdown: pick(dd),
    netDeltaValue: pick(rows.map((r) => finiteOrNaN(r.exposure_net_delta_value ?? null))),
    healthFactor: pick(rows.map((r) => finiteOrNaN(r.health_factor ?? null))),
    minMarginRatio: pick(rows.map((r) => finiteOrNaN(r.min_margin ?? null))),
  };
  for (const [k, v] of Object.entries(cumulative)) values[k] = pick(v);
  return { runId, t: pick(t), values };
}

export async function compareRuns(pool: pg.Pool, raw: CompareInput): Promise<CompareResult> {
  const parsed = compareInputSchema.safeParse(raw);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "invalid compare request", flat.fieldErrors as Record<string, string[]>);
  }
  const input = parsed.data;
  const ids = Array.from(new Set(input.runIds));
  const { rows } = await pool.query<RunRow>(
    `SELECT id, name, mode, status, "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd",
            capital, "shareClass", config, summary
       FROM runs WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw new AppError("NOT_FOUND", `No run with id ${missing.join(", ")}`);
  const notDone = ids.filter((id) => byId.get(id)?.status !== "succeeded");
  if (notDone.length) throw new AppError("CONFLICT", `Only finished runs can be compared; not succeeded: ${notDone.join(", ")}`);
  const ordered = ids.map((id) => byId.get(id) as RunRow);
  const baselineId = input.baselineId && byId.has(input.baselineId) ? input.baselineId : (ordered[0] as RunRow).id;
  const baselineIndex = ordered.findIndex((r) => r.id === baselineId);

  const metrics = ordered.map((r) => summarySchema.parse(r.summary).metrics ?? {});
  const metricRows = buildMetricRows(metrics, baselineIndex).map((row) => ({ ...row, def: { ...row.def } }));
  const configDiff = diffConfigs(
    ordered.map((r) => ({ runId: r.id, mode: r.mode, config: r.config, dataset: { name: r.datasetName, version: r.datasetVersion, source: r.datasetSource } })),
  );
  const budget = input.full ? null : Math.max(200, Math.floor(COMPARE_POINT_BUDGET / ordered.length));
  const series: RunSeries[] = [];
  for (const r of ordered) series.push(await loadRunSeries(pool, r.id, budget));
  const table = alignRuns(series, COMPARE_SERIES, input.align as AlignMode);

  return {
    runs: ordered.map((r) => ({
      id: r.id,
      name: r.name,
      mode: r.mode,
      status: r.status,
      dataset: { name: r.datasetName, version: r.datasetVersion, source: r.datasetSource },
      windowStart: r.windowStart.toISOString(),
      windowEnd: r.windowEnd.toISOString(),
      capital: r.capital,
      shareClass: r.shareClass,
    })),
    baselineId,
    metrics: metricRows,
    configDiff,
    table,
  };
}

/** CSV of the comparison: the metrics table, then the aligned series (one column per run × series). */
export function compareToCsv(result: CompareResult): string {
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines: string[] = [];
  lines.push(["metric", ...result.runs.map((r) => `${r.name} (${r.id})`)].map(esc).join(","));
  for (const row of result.metrics) lines.push([row.def.key, ...row.values].map(esc).join(","));
  lines.push("");
  const cols = Object.keys(result.table.columns);
  lines.push([result.table.mode === "calendar" ? "time" : "days_since_start", ...cols].map(esc).join(","));
  result.table.x.forEach((x, i) => {
    const first = result.table.mode === "calendar" ? new Date(x).toISOString() : x.toFixed(6);
    lines.push([first, ...cols.map((c) => result.table.columns[c]?.[i] ?? null)].map(esc).join(","));
  });
  return `${lines.join("\n")}\n`;
}
