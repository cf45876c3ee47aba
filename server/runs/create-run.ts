// createRun: validates a launch request (input shape, the mode's own parameter schema, the window
// against the data set's coverage, the series the mode needs), stores the run and enqueues its
// job. Answers in milliseconds: no market data is loaded here. Errors carry per-field messages.
import { parseSignalCsv } from "../engine/signals/csv-signal";
import { getModeSchema, MODE_INFO, resolveModeId } from "../engine/config/modes";
import { getPool } from "../db/pool";
import { getPrisma } from "../db/prisma";
import { invalidInput } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { checkDatasetForWindow } from "./check-dataset-for-window";
import { ENGINE_VERSION } from "./engine-version";
import { RUN_BACKTEST_JOB_SPEC } from "./run-backtest-job-spec";
import { createRunInputSchema, fieldErrorsOf, windowEndMs, windowStartMs, type CreateRunInput } from "./run-schemas";

const backtestJobForEnqueue = {
  ...RUN_BACKTEST_JOB_SPEC,
  handle: async () => {
    throw new Error("backtest jobs run on the worker");
  },
};


export interface CreatedRun {
  id: string;
  jobId: string;
}

export async function createRun(raw: CreateRunInput): Promise<CreatedRun> {
  const parsedInput = createRunInputSchema.safeParse(raw);
  if (!parsedInput.success) throw invalidInput(fieldErrorsOf(parsedInput.error));
  const input = parsedInput.data;
  const mode = resolveModeId(input.mode);
  if (!mode) throw invalidInput({ mode: [`unknown mode ${input.mode}`] });

  const params = getModeSchema(mode).safeParse(input.params);
  if (!params.success) throw invalidInput(fieldErrorsOf(params.error, "params"));

  // a csv signal source needs its file, and the file must parse (checked again by the engine)
  const wantsCsv = (params.data as { signalSource?: unknown }).signalSource === "csv";
  const signalCsv = wantsCsv ? input.signalCsv : undefined;
  if (wantsCsv) {
    if (!signalCsv || signalCsv.trim() === "") throw invalidInput({ signalCsv: ["signalSource csv needs a signal CSV file"] });
    try {
      parseSignalCsv(signalCsv);
    } catch (e) {
      throw invalidInput({ signalCsv: [e instanceof Error ? e.message : String(e)] });
    }
  }

  const start = windowStartMs(input.start);
  const end = windowEndMs(input.end);
  if (!(end > start)) throw invalidInput({ end: ["the window must end after it starts"] });

  const dataset = await checkDatasetForWindow(getPool(), { datasetName: input.datasetName, datasetVersion: input.datasetVersion, mode, paramSets: [params.data], start, end });

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
      signalCsv: signalCsv ?? null,
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
