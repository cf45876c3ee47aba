// Data-set tasks started from the Data page (generate synthetic data, import a directory): a row in
// data_tasks the worker updates as it goes, read back by the page's progress stream.
import type pg from "pg";
import { z } from "zod";

export const DATA_TASK_KINDS = ["generate-synthetic", "import-directory"] as const;
export type DataTaskKind = (typeof DATA_TASK_KINDS)[number];
export const DATA_TASK_STATUSES = ["queued", "running", "done", "failed"] as const;

export const dataTaskSchema = z.object({
  id: z.string(),
  kind: z.enum(DATA_TASK_KINDS),
  status: z.enum(DATA_TASK_STATUSES),
  progress: z.number(),
  message: z.string(),
  datasetName: z.string().nullable(),
  datasetVersion: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type DataTask = z.infer<typeof dataTaskSchema>;

export const isFinishedTask = (t: Pick<DataTask, "status">): boolean => t.status === "done" || t.status === "failed";

const COLUMNS = `id, kind, status, progress, message, "datasetName", "datasetVersion", error, "createdAt", "updatedAt"`;

export async function createDataTask(pool: pg.Pool, kind: DataTaskKind, input: unknown): Promise<DataTask> {
  const { rows } = await pool.query(`INSERT INTO data_tasks (id, kind, input) VALUES (gen_random_uuid(), $1, $2::jsonb) RETURNING ${COLUMNS}`, [kind, JSON.stringify(input)]);
  return dataTaskSchema.parse(rows[0]);
}

export async function findDataTask(pool: pg.Pool, id: string): Promise<DataTask | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM data_tasks WHERE id = $1`, [id]);
  return rows[0] ? dataTaskSchema.parse(rows[0]) : null;
}

export interface DataTaskUpdate {
  status?: "running" | "done" | "failed";
  progress?: number;
  message?: string;
  datasetName?: string;
  datasetVersion?: number;
  error?: string;
}

/** Partial update; progress never moves backwards (a retried job restarts from 0 silently). */
export async function updateDataTask(pool: pg.Pool, id: string, u: DataTaskUpdate): Promise<void> {
  await pool.query(
    `UPDATE data_tasks SET
       status = COALESCE($2, status),
       progress = CASE WHEN $3::float8 IS NULL THEN progress ELSE GREATEST(progress, LEAST(1, $3::float8)) END,
       message = COALESCE($4, message),
       "datasetName" = COALESCE($5, "datasetName"),
       "datasetVersion" = COALESCE($6, "datasetVersion"),
       error = COALESCE($7, error),
       "updatedAt" = now()
     WHERE id = $1`,
    [id, u.status ?? null, u.progress ?? null, u.message ?? null, u.datasetName ?? null, u.datasetVersion ?? null, u.error ?? null],
  );
}

/**
 * Throttles progress writes to one per `everyMs` (COPY reports per series; the page polls a few times
 * a second), always letting the last call through when `force` is set.
 */
export function createProgressWriter(pool: pg.Pool, id: string, everyMs = 200): (progress: number, message: string, force?: boolean) => Promise<void> {
  let last = 0;
  return async (progress, message, force = false) => {
    const now = Date.now();
    if (!force && now - last < everyMs) return;
    last = now;
    await updateDataTask(pool, id, { status: "running", progress, message });
  };
}
