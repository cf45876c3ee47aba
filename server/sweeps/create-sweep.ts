// createSweep: validates the base launch request and every grid point with the mode's own schema,
// stores the sweep and its configs, and enqueues them in batches so per-job overhead stays small.
import { getModeSchema, resolveModeId } from "../engine/config/modes";
import type pg from "pg";
import { invalidInput } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { checkDatasetForWindow } from "../runs/check-dataset-for-window";
import { fieldErrorsOf, windowEndMs, windowStartMs } from "../runs/run-schemas";
import { applyPoint, expandGrid, gridSize } from "./sweep-axes";
import { sweepBatchJob } from "./sweep-job";
import { createSweepInputSchema, type CreateSweepInput } from "./sweep-schemas";

/** Configs per queued job: large enough that job overhead is small next to ~30 ms per backtest. */
export const SWEEP_BATCH_SIZE = 25;

export interface CreatedSweep {
  id: string;
  total: number;
  jobs: number;
}

export async function createSweep(pool: pg.Pool, raw: CreateSweepInput, opts: { batchSize?: number } = {}): Promise<CreatedSweep> {
  const parsed = createSweepInputSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const mode = resolveModeId(input.mode);
  if (!mode) throw invalidInput({ mode: [`unknown mode ${input.mode}`] });
  const schema = getModeSchema(mode);
  const base = schema.safeParse(input.params);
  if (!base.success) throw invalidInput(fieldErrorsOf(base.error, "params"));

  const total = gridSize(input.axes);
  if (total > input.maxRuns) throw invalidInput({ axes: [`the grid has ${total} configs; the cap is ${input.maxRuns} (raise maxRuns or coarsen the steps)`] });
  const points = expandGrid(input.axes);
  const configs: object[] = [];
  for (const point of points) {
    const params = schema.safeParse(applyPoint(input.params, input.axes, point));
    if (!params.success) {
      const at = input.axes.map((a, i) => `${a.key}=${point[i]}`).join(", ");
      const issue = params.error.issues[0];
      throw invalidInput({ axes: [`at ${at}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid"}`.trim()] });
    }
    configs.push(params.data as object);
  }

  const start = windowStartMs(input.start);
  const end = windowEndMs(input.end);
  if (!(end > start)) throw invalidInput({ end: ["the window must end after it starts"] });
  const dataset = await checkDatasetForWindow(pool, { datasetName: input.datasetName, datasetVersion: input.datasetVersion, mode, paramSets: configs, start, end });

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
