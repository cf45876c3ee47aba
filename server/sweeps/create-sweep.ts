// createSweep: validates the base launch request and every grid point with the mode's own schema,
// stores the sweep and its configs, and enqueues them in batches so per-job overhead stays small.
import { z } from "zod";
import { getModeSchema, resolveModeId } from "../engine/config/modes";
import { hedgeSeries, requiredSeries } from "../engine/config/required-series";
import type pg from "pg";
import { AppError } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { DatasetNotFoundError, findReadyDataset } from "../market-data/store";
import { fieldErrorsOf, windowEndMs, windowStartMs } from "../runs/run-schemas";
import { applyPoint, expandGrid, gridSize } from "./sweep-axes";
import { sweepBatchJob } from "./sweep-job";
import { createSweepInputSchema, type CreateSweepInput } from "./sweep-schemas";

/** Configs per queued job: large enough that job overhead is small next to ~30 ms per backtest. */
export const SWEEP_BATCH_SIZE = 25;

function invalid(fieldErrors: Record<string, string[]>): AppError {
  const first = Object.entries(fieldErrors)[0];
  return new AppError("INVALID_INPUT", first ? `${first[0]}: ${first[1]?.[0] ?? "invalid"}` : "invalid input", fieldErrors);
}

export interface CreatedSweep {
  id: string;
  total: number;
  jobs: number;
}

export async function createSweep(pool: pg.Pool, raw: CreateSweepInput, opts: { batchSize?: number } = {}): Promise<CreatedSweep> {
  const parsed = createSweepInputSchema.safeParse(raw);
  if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const mode = resolveModeId(input.mode);
  if (!mode) throw invalid({ mode: [`unknown mode ${input.mode}`] });
  const schema = getModeSchema(mode);
  const base = schema.safeParse(input.params);
  if (!base.success) throw invalid(fieldErrorsOf(base.error, "params"));

  const total = gridSize(input.axes);
  if (total > input.maxRuns) throw invalid({ axes: [`the grid has ${total} configs; the cap is ${input.maxRuns} (raise maxRuns or coarsen the steps)`] });
  const points = expandGrid(input.axes);
  const configs: object[] = [];
  for (const point of points) {
    const params = schema.safeParse(applyPoint(input.params, input.axes, point));
    if (!params.success) {
      const at = input.axes.map((a, i) => `${a.key}=${point[i]}`).join(", ");
      const issue = params.error.issues[0];
      throw invalid({ axes: [`at ${at}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid"}`.trim()] });
    }
    configs.push(params.data as object);
  }

  const start = windowStartMs(input.start);
  const end = windowEndMs(input.end);
  if (!(end > start)) throw invalid({ end: ["the window must end after it starts"] });
  let dataset;
  try {
    dataset = await findReadyDataset(pool, input.datasetName, input.datasetVersion);
  } catch (err) {
    if (err instanceof DatasetNotFoundError) throw invalid({ datasetName: [err.message] });
    throw err;
  }
  const { rows: covRows } = await pool.query(
    `SELECT d."coverageStart", d."coverageEnd", array_agg(s."seriesId") AS series
       FROM datasets d LEFT JOIN dataset_series s ON s."datasetId" = d.id WHERE d.id = $1 GROUP BY d.id`,
    [dataset.id],
  );
  const cov = z.object({ coverageStart: z.date().nullable(), coverageEnd: z.date().nullable(), series: z.array(z.string().nullable()) }).parse(covRows[0]);
  if (cov.coverageStart && start < cov.coverageStart.getTime()) throw invalid({ start: [`before the data set's coverage (from ${cov.coverageStart.toISOString()})`] });
  if (cov.coverageEnd && end > cov.coverageEnd.getTime()) throw invalid({ end: [`after the data set's coverage (to ${cov.coverageEnd.toISOString()})`] });
  const have = new Set(cov.series.filter((s): s is string => s !== null));
  const needed = new Set<string>();
  for (const c of configs) {
    for (const s of requiredSeries(mode, c as never)) needed.add(s);
    const hedges = hedgeSeries(mode, c as never);
    if (hedges.length > 0 && !hedges.some((h) => have.has(h.perp) && have.has(h.funding))) for (const h of hedges) needed.add(h.perp);
  }
  const missing = [...needed].filter((s) => !have.has(s));
  if (missing.length) throw new AppError("DATA_MISSING", `data set ${dataset.name} v${dataset.version} lacks series the ${mode} mode needs: ${missing.join(", ")}`, { datasetName: [`missing ${missing.join(", ")}`] });

  const client = await pool.connect();
  let sweepId: string;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO sweeps (id, name, mode, "datasetId", "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, "baseParams", axes, total)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        input.name || `${mode} sweep · ${input.axes.map((a) => a.key).join(" × ")}`,
        mode, dataset.id, dataset.name, dataset.version, dataset.source, new Date(start), new Date(end), input.capital,
        JSON.stringify(base.data), JSON.stringify(input.axes), total,
      ],
    );
    sweepId = (rows[0] as { id: string }).id;
    await client.query(
      `INSERT INTO sweep_runs ("sweepId", idx, point, params)
       SELECT $1, i - 1, ARRAY(SELECT jsonb_array_elements_text(p)::float8), c
         FROM unnest($2::jsonb[], $3::jsonb[]) WITH ORDINALITY AS t(p, c, i)`,
      [sweepId, points.map((p) => JSON.stringify(p)), configs.map((c) => JSON.stringify(c))],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  const size = opts.batchSize ?? SWEEP_BATCH_SIZE;
  let jobs = 0;
  for (let from = 0; from < total; from += size) {
    await enqueueJob(sweepBatchJob, { sweepId, from, to: Math.min(total, from + size) });
    jobs++;
  }
  return { id: sweepId, total, jobs };
}
