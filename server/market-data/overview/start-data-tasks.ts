// Starting Data page tasks from the web process: validate the request (the import directory must
// exist), record the task and enqueue its job for the worker.
import { stat } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { AppError } from "../../errors";
import { enqueueJob } from "../../jobs/queue";
import { generateSyntheticJob, importDirectoryJob } from "../../jobs/data-jobs";
import type { GenerateSyntheticInput, ImportDirectoryInput } from "./data-task-inputs";
import { createDataTask, updateDataTask, type DataTask } from "./data-tasks";

export { generateSyntheticInputSchema, importDirectoryInputSchema, type GenerateSyntheticInput, type ImportDirectoryInput } from "./data-task-inputs";

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
