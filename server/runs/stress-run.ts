// stressRun: replays a finished run on shocked data (engine runStress) next to its unshocked
// baseline and returns the summary table, liquidations and LTTB-thinned paths for the run page.
import { z } from "zod";
import { lttbIndexesMulti } from "../charts/lttb";
import { getPool } from "../db/pool";
import { HOUR_MS } from "../engine/core/clock";
import { runStress } from "../engine/stress/run-stress";
import { parseStressScenario } from "../engine/stress/scenarios";
import { CEX_VENUES } from "../engine/types";
import { AppError } from "../errors";
import { loadDatasetCached } from "./dataset-cache";

/** Paths sent to the browser keep at most this many points (one shared index set). */
export const MAX_STRESS_POINTS = 1_000;
/** A stress replays the run twice on the web server: refuse windows longer than two years of hours. */
export const MAX_STRESS_STEPS = 2 * 366 * 24;

export const stressRunInputSchema = z.object({ runId: z.uuid(), scenario: z.string().trim().min(1).max(80) });
export type StressRunInput = z.infer<typeof stressRunInputSchema>;

const nullableNumbers = z.array(z.number().nullable());
export const stressRunDtoSchema = z.object({
  scenario: z.string(),
  shockTime: z.string(),
  shockStep: z.number(),
  liquidated: z.boolean(),
  firstLiquidationTime: z.string().nullable(),
  firstLiquidationStep: z.number().nullable(),
  liquidations: z.array(z.object({ time: z.string(), step: z.number(), venue: z.string(), loss: z.number() })),
  table: z.array(z.object({ metric: z.string(), baseline: z.number().nullable(), shocked: z.number().nullable() })),
  loss: z.number(),
  lossPct: z.number(),
  path: z.object({
    time: z.array(z.number()),
    equity: z.array(z.number()),
    baselineEquity: z.array(z.number()),
    healthFactor: nullableNumbers,
    /** Per-tick minimum of the CEX venues' margin ratios (null where no venue has a position). */
    marginRatio: nullableNumbers,
  }),
});
export type StressRunDto = z.infer<typeof stressRunDtoSchema>;

const runRowSchema = z.object({
  status: z.string(),
  mode: z.string(),
  config: z.unknown(),
  datasetId: z.string(),
  windowStart: z.date(),
  windowEnd: z.date(),
  capital: z.number(),
  signalCsv: z.string().nullable(),
});

// one stress at a time per server process: each is two full engine runs on the event loop
let busy = false;

export async function stressRun(input: StressRunInput): Promise<StressRunDto> {
  const { runId, scenario: text } = stressRunInputSchema.parse(input);
  let scenario;
  try {
    scenario = parseStressScenario(text);
  } catch (e) {
    throw new AppError("INVALID_INPUT", e instanceof Error ? e.message : String(e), { scenario: [e instanceof Error ? e.message : String(e)] });
  }
  const pool = getPool();
  const { rows } = await pool.query(
    `SELECT status, mode, config, "datasetId", "windowStart", "windowEnd", capital, "signalCsv" FROM runs WHERE id = $1`,
    [runId],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  const run = runRowSchema.parse(rows[0]);
  if (run.status !== "succeeded") throw new AppError("CONFLICT", `run ${runId} is ${run.status}; stress tests need a finished run`);
  const start = run.windowStart.getTime();
  const end = run.windowEnd.getTime();
  if ((end - start) / HOUR_MS > MAX_STRESS_STEPS) throw new AppError("INVALID_INPUT", `stress tests are limited to ${MAX_STRESS_STEPS} hourly steps`);
  if (busy) throw new AppError("CONFLICT", "another stress test is running; try again in a moment");
  busy = true;
  try {
    const data = await loadDatasetCached(pool, run.datasetId);
    let result;
    try {
      result = runStress({ mode: run.mode, params: run.config, data, start, end, capital: run.capital, signalCsv: run.signalCsv ?? undefined }, scenario);
    } catch (e) {
      // scenario/engine configuration errors (e.g. shock time outside the window) are the user's input
      const msg = e instanceof Error ? e.message : String(e);
      throw new AppError("INVALID_INPUT", msg, { scenario: [msg] });
    }
    return toStressDto(result.stress);
  } finally {
    busy = false;
  }
}

type Summary = ReturnType<typeof runStress>["stress"];

/** Merges the venues' margin ratios into their per-tick minimum and thins the paths with LTTB. */
export function toStressDto(s: Summary): StressRunDto {
  const p = s.path;
  const n = p.time.length;
  const margin: (number | null)[] = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    let m: number | null = null;
    for (const v of CEX_VENUES) {
      const r = p.marginRatio[v][i];
      if (r !== null && r !== undefined && Number.isFinite(r) && (m === null || r < m)) m = r;
    }
    margin[i] = m;
  }
  const hfY = p.healthFactor.map((h) => (h !== null && Number.isFinite(h) ? h : 0));
  const mrY = margin.map((m) => m ?? 0);
  const idx = lttbIndexesMulti(p.time, [p.equity, p.baselineEquity, hfY, mrY], MAX_STRESS_POINTS);
  const pick = <T>(a: readonly T[]): T[] => Array.from(idx, (i) => a[i] as T);
  const finiteOrNull = (h: number | null) => (h !== null && Number.isFinite(h) ? h : null);
  return stressRunDtoSchema.parse({
    scenario: s.scenario,
    shockTime: s.shockTime,
    shockStep: s.shockStep,
    liquidated: s.liquidated,
    firstLiquidationTime: s.firstLiquidationTime,
    firstLiquidationStep: s.firstLiquidationStep,
    liquidations: s.liquidations,
    table: s.table.map((r) => ({ metric: r.metric, baseline: finiteOrNull(r.baseline), shocked: finiteOrNull(r.shocked) })),
    loss: s.loss,
    lossPct: s.lossPct,
    path: {
      time: pick(p.time),
      equity: pick(p.equity),
      baselineEquity: pick(p.baselineEquity),
      healthFactor: pick(p.healthFactor).map(finiteOrNull),
      marginRatio: pick(margin),
    },
  });
}
