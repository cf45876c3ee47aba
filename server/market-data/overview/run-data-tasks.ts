// What the worker does for a Data page task: generate a synthetic data set, or import a directory,
// saving it as a new data set version and writing progress to data_tasks. Failures are recorded on
// the task (the page shows them) rather than thrown, so the queue does not retry a bad directory.
import type pg from "pg";
import { loadDirectory } from "../import/load-directory";
import { saveDataset } from "../store/save-dataset";
import { buildSyntheticDatasetInput } from "../store/synthetic-dataset-input";
import { createProgressWriter, updateDataTask } from "./data-tasks";

const DAY_MS = 86_400_000;
const SYNTHETIC_START = Date.UTC(2024, 0, 1);

export interface GenerateSyntheticTask {
  taskId: string;
  seed: number;
  name: string;
  /** length of the generated window from 2024-01-01; omitted = the generator's full default span */
  days?: number;
}

export interface ImportDirectoryTask {
  taskId: string;
  dir: string;
  name: string;
}

async function recordFailure(pool: pg.Pool, taskId: string, err: unknown): Promise<void> {
  await updateDataTask(pool, taskId, { status: "failed", error: err instanceof Error ? err.message : String(err), message: "failed" });
}

export async function runGenerateSyntheticTask(pool: pg.Pool, t: GenerateSyntheticTask): Promise<void> {
  const progress = createProgressWriter(pool, t.taskId);
  try {
    await progress(0.02, `generating series (seed ${t.seed})`, true);
    const end = t.days === undefined ? undefined : new Date(SYNTHETIC_START + t.days * DAY_MS - 3_600_000).toISOString();
    const input = buildSyntheticDatasetInput({
      seed: t.seed,
      name: t.name,
      ...(end ? { start: new Date(SYNTHETIC_START).toISOString(), end } : {}),
    });
    await progress(0.3, "saving series", true);
    const saved = await saveDataset(pool, {
      ...input,
      // writes are throttled; fire and forget keeps COPY streaming
      onProgress: (done, total) => void progress(0.3 + 0.7 * (done / Math.max(1, total)), `saving series ${done}/${total}`).catch(() => undefined),
    });
    await updateDataTask(pool, t.taskId, { status: "done", progress: 1, message: `saved ${saved.name} v${saved.version}`, datasetName: saved.name, datasetVersion: saved.version });
  } catch (err) {
    await recordFailure(pool, t.taskId, err);
  }
}

export async function runImportDirectoryTask(pool: pg.Pool, t: ImportDirectoryTask): Promise<void> {
  const progress = createProgressWriter(pool, t.taskId);
  try {
    await progress(0.02, `reading ${t.dir}`, true);
    const loaded = await loadDirectory(t.dir);
    await progress(0.4, `saving ${loaded.data.series.size} series`, true);
    const saved = await saveDataset(pool, {
      name: t.name,
      source: "real",
      description: `imported from ${t.dir}`,
      data: loaded.data,
      report: loaded.report,
      onProgress: (done, total) => void progress(0.4 + 0.6 * (done / Math.max(1, total)), `saving series ${done}/${total}`).catch(() => undefined),
    });
    await updateDataTask(pool, t.taskId, { status: "done", progress: 1, message: `saved ${saved.name} v${saved.version}`, datasetName: saved.name, datasetVersion: saved.version });
  } catch (err) {
    await recordFailure(pool, t.taskId, err);
  }
}
