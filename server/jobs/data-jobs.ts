// Jobs that import or generate market data sets on the worker (started from the Data page).
import { z } from "zod";
import { getPool } from "../db/pool";
import { runGenerateSyntheticTask, runImportDirectoryTask } from "../market-data/overview/run-data-tasks";
import { defineJob, type JobDefinition } from "./job-definition";

const datasetName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/);

export const generateSyntheticJob = defineJob({
  name: "data-generate-synthetic",
  payload: z.object({ taskId: z.uuid(), seed: z.number().int().min(0).max(2_147_483_647), name: datasetName, days: z.number().int().min(2).max(700).optional() }),
  // failures are recorded on the task; a retry would only repeat them
  retryLimit: 0,
  handle: (p) => runGenerateSyntheticTask(getPool(), p),
});

export const importDirectoryJob = defineJob({
  name: "data-import-directory",
  payload: z.object({ taskId: z.uuid(), dir: z.string().min(1), name: datasetName }),
  retryLimit: 0,
  expireInSeconds: 30 * 60,
  handle: (p) => runImportDirectoryTask(getPool(), p),
});

export const DATA_JOBS: readonly JobDefinition[] = [generateSyntheticJob, importDirectoryJob];
