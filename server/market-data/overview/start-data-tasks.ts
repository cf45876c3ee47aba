// Starting Data page tasks from the web process: validate the request (the import directory must
// exist), record the task and enqueue its job for the worker.
import { stat } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { z } from "zod";
import { AppError } from "../../errors";
import { enqueueJob } from "../../jobs/queue";
import { generateSyntheticJob, importDirectoryJob } from "../../jobs/data-jobs";
import { DATASET_NAME_PATTERN, DATASET_NAME_RULE } from "../store/dataset-names";
import { createDataTask, updateDataTask, type DataTask } from "./data-tasks";

/** One schema for the form and the procedure. */
export const generateSyntheticInputSchema = z.object({
  seed: z.number({ message: "seed must be a whole number" }).int("seed must be a whole number").min(0, "seed must be ≥ 0").max(2_147_483_647, "seed is too large"),
  name: z.string().trim().regex(DATASET_NAME_PATTERN, DATASET_NAME_RULE).optional(),
  /** window from 2024-01-01; omitted = the full default span */
  days: z.number().int().min(2).max(700).optional(),
});
export type GenerateSyntheticInput = z.infer<typeof generateSyntheticInputSchema>;

export const importDirectoryInputSchema = z.object({
  path: z.string().trim().min(1, "enter the directory to import"),
  name: z.string().trim().regex(DATASET_NAME_PATTERN, DATASET_NAME_RULE).optional(),
});
export type ImportDirectoryInput = z.infer<typeof importDirectoryInputSchema>;

async function enqueueOrFail(pool: pg.Pool, task: DataTask, send: () => Promise<string>): Promise<DataTask> {
  try {
    await send();
    return task;
  } catch (err) {
    await updateDataTask(pool, task.id, { status: "failed", error: `could not queue the job: ${err instanceof Error ? err.message : String(err)}` });
    throw err;
  }
}

export async function startGenerateSynthetic(pool: pg.Pool, input: GenerateSyntheticInput): Promise<DataTask> {
  const name = input.name ?? `synthetic-seed${input.seed}`;
  const task = await createDataTask(pool, "generate-synthetic", { ...input, name });
  return enqueueOrFail(pool, task, () => enqueueJob(generateSyntheticJob, { taskId: task.id, seed: input.seed, name, days: input.days }));
}

/** Resolves the directory (relative to the server's working directory) and checks it exists. */
export async function resolveImportDirectory(p: string): Promise<string> {
  const abs = path.resolve(p);
  let isDir = false;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch {
    throw new AppError("INVALID_INPUT", `directory not found: ${abs}`, { path: [`directory not found: ${abs}`] });
  }
  if (!isDir) throw new AppError("INVALID_INPUT", `not a directory: ${abs}`, { path: [`not a directory: ${abs}`] });
  return abs;
}

export async function startImportDirectory(pool: pg.Pool, input: ImportDirectoryInput): Promise<DataTask> {
  const dir = await resolveImportDirectory(input.path);
  const name = input.name ?? (path.basename(dir).replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[^A-Za-z0-9]+/, "") || "real");
  const task = await createDataTask(pool, "import-directory", { dir, name });
  return enqueueOrFail(pool, task, () => enqueueJob(importDirectoryJob, { taskId: task.id, dir, name }));
}
