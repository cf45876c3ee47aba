// tRPC procedures for the data area (thin: each calls one service function): data sets, coverage,
// charts, and the generate/import tasks with their progress streamed over SSE.
import { tracked } from "@trpc/server";
import { z } from "zod";
import { getPool } from "../../db/pool";
import { AppError } from "../../errors";
import { DatasetNotFoundError } from "../../market-data/store/dataset-errors";
import { dataTaskSchema, findDataTask, isFinishedTask } from "../../market-data/overview/data-tasks";
import { datasetChartsSchema, getDatasetCharts } from "../../market-data/overview/get-dataset-charts";
import { datasetCoverageSchema, datasetSummaryDtoSchema, getDatasetCoverage, listDatasetSummaries } from "../../market-data/overview/get-dataset-coverage";
import {
  generateSyntheticInputSchema,
  importDirectoryInputSchema,
  startGenerateSynthetic,
  startImportDirectory,
} from "../../market-data/overview/start-data-tasks";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { sleepUnlessAborted } from "../sleep-until-aborted";

const datasetRef = z.object({ name: z.string().min(1).max(100), version: z.number().int().positive().optional() });
const POLL_MS = 250;

function notFoundAsAppError<T>(work: Promise<T>): Promise<T> {
  return work.catch((err: unknown) => {
    if (err instanceof DatasetNotFoundError) throw new AppError("NOT_FOUND", err.message);
    throw err;
  });
}

export const dataRouter = createTRPCRouter({
  list: publicProcedure.output(z.array(datasetSummaryDtoSchema)).query(() => listDatasetSummaries(getPool())),
  coverage: publicProcedure
    .input(datasetRef)
    .output(datasetCoverageSchema)
    .query(({ input }) => notFoundAsAppError(getDatasetCoverage(getPool(), input.name, input.version))),
  charts: publicProcedure
    .input(datasetRef)
    .output(datasetChartsSchema)
    .query(({ input }) => notFoundAsAppError(getDatasetCharts(getPool(), input.name, input.version))),
  generateSynthetic: publicProcedure
    .input(generateSyntheticInputSchema)
    .output(dataTaskSchema)
    .mutation(({ input }) => startGenerateSynthetic(getPool(), input)),
  importDirectory: publicProcedure
    .input(importDirectoryInputSchema)
    .output(dataTaskSchema)
    .mutation(({ input }) => startImportDirectory(getPool(), input)),
  task: publicProcedure
    .input(z.object({ taskId: z.uuid() }))
    .output(dataTaskSchema.nullable())
    .query(({ input }) => findDataTask(getPool(), input.taskId)),
  /** The task's state whenever it changes, until done or failed. */
  taskProgress: publicProcedure.input(z.object({ taskId: z.uuid(), lastEventId: z.string().nullish() })).subscription(async function* ({ input, signal }) {
    let lastKey = "";
    let n = 0;
    while (!signal?.aborted) {
      const task = await findDataTask(getPool(), input.taskId);
      if (!task) throw new AppError("NOT_FOUND", `task ${input.taskId} not found`);
      const key = `${task.status}|${task.progress}|${task.message}`;
      if (key !== lastKey) {
        lastKey = key;
        yield tracked(`${input.taskId}:${n++}`, task);
      }
      if (isFinishedTask(task)) return;
      await sleepUnlessAborted(POLL_MS, signal);
    }
  }),
});
