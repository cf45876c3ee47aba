// createRun: validates a launch request (input shape, the mode's own parameter schema, the window
// against the data set's coverage, the series the mode needs), stores the run and enqueues its
// job. Answers in milliseconds: no market data is loaded here. Errors carry per-field messages.
import { z } from "zod";
import { getModeSchema, MODE_INFO, resolveModeId } from "../engine/config/modes";
import { hedgeSeries, requiredSeries } from "../engine/config/required-series";
import { getPool } from "../db/pool";
import { getPrisma } from "../db/prisma";
import { AppError } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { DatasetNotFoundError, findReadyDataset } from "../market-data/store";
import { ENGINE_VERSION } from "./engine-version";
import { RUN_BACKTEST_JOB_SPEC } from "./run-backtest-job-spec";
import { createRunInputSchema, fieldErrorsOf, windowEndMs, windowStartMs, type CreateRunInput } from "./run-schemas";

const backtestJobForEnqueue = {
  ...RUN_BACKTEST_JOB_SPEC,
  handle: async () => {
    throw new Error("backtest jobs run on the worker");
  },
};

function invalid(fieldErrors: Record<string, string[]>): AppError {
  const first = Object.entries(fieldErrors)[0];
  return new AppError("INVALID_INPUT", first ? `${first[0]}: ${first[1]?.[0] ?? "invalid"}` : "invalid input", fieldErrors);
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

export interface CreatedRun {
  id: string;
  jobId: string;
}

export async function createRun(raw: CreateRunInput): Promise<CreatedRun> {
  const parsedInput = createRunInputSchema.safeParse(raw);
  if (!parsedInput.success) throw invalid(fieldErrorsOf(parsedInput.error));
  const input = parsedInput.data;
  const mode = resolveModeId(input.mode);
  if (!mode) throw invalid({ mode: [`unknown mode ${input.mode}`] });

  const params = getModeSchema(mode).safeParse(input.params);
  if (!params.success) throw invalid(fieldErrorsOf(params.error, "params"));

  const start = windowStartMs(input.start);
  const end = windowEndMs(input.end);
  if (!(end > start)) throw invalid({ end: ["the window must end after it starts"] });

  const pool = getPool();
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
  const covStart = cov.coverageStart?.getTime();
  const covEnd = cov.coverageEnd?.getTime();
  const coverage = covStart !== undefined && covEnd !== undefined ? `${iso(covStart)} – ${iso(covEnd)} UTC` : "unknown";
  if (covStart !== undefined && start < covStart) throw invalid({ start: [`before the data set's coverage (${coverage})`] });
  if (covEnd !== undefined && end > covEnd) throw invalid({ end: [`after the data set's coverage (${coverage})`] });

  const have = new Set(cov.series.filter((s): s is string => s !== null));
  const missing = requiredSeries(mode, params.data).filter((s) => !have.has(s));
  const hedges = hedgeSeries(mode, params.data);
  if (hedges.length > 0 && !hedges.some((h) => have.has(h.perp) && have.has(h.funding))) {
    missing.push(...hedges.flatMap((h) => [h.perp, h.funding]).filter((s) => !have.has(s)));
  }
  if (missing.length > 0) {
    const msg = `data set ${dataset.name} v${dataset.version} lacks series the ${mode} mode needs: ${missing.join(", ")}`;
    throw new AppError("DATA_MISSING", msg, { datasetName: [msg] });
  }

  const info = MODE_INFO[mode];
  const prisma = getPrisma();
  const run = await prisma.run.create({
    data: {
      name: input.name || `${info.label} · ${new Date(start).toISOString().slice(0, 10)} → ${new Date(end).toISOString().slice(0, 10)}`,
      mode,
      datasetId: dataset.id,
      datasetName: dataset.name,
      datasetVersion: dataset.version,
      datasetSource: dataset.source,
      windowStart: new Date(start),
      windowEnd: new Date(end),
      capital: input.capital,
      shareClass: info.shareClass,
      config: params.data as object,
      engineVersion: ENGINE_VERSION,
    },
    select: { id: true },
  });
  let jobId: string;
  try {
    jobId = await enqueueJob(backtestJobForEnqueue, { runId: run.id });
  } catch (err) {
    await prisma.run.update({ where: { id: run.id }, data: { status: "failed", errorCode: "INTERNAL", errorMessage: `could not enqueue: ${err instanceof Error ? err.message : String(err)}` } });
    throw err;
  }
  await prisma.run.update({ where: { id: run.id }, data: { jobId } });
  return { id: run.id, jobId };
}
