// Reads a sweep for its page: progress counts and every config's axis values and summary metrics.
import type pg from "pg";
import { z } from "zod";
import { AppError } from "../errors";
import { sweepAxisSchema } from "./sweep-axes";

export const sweepResultSchema = z.object({
  idx: z.number(),
  point: z.array(z.number()),
  status: z.string(),
  apy: z.number().nullable(),
  totalReturn: z.number().nullable(),
  sharpe: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  runId: z.string().nullable(),
});

export const sweepViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.string(),
  dataset: z.object({ name: z.string(), version: z.number(), source: z.string() }),
  windowStart: z.string(),
  windowEnd: z.string(),
  capital: z.number(),
  axes: z.array(sweepAxisSchema),
  status: z.string(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  results: z.array(sweepResultSchema),
});
export type SweepView = z.infer<typeof sweepViewSchema>;

export async function getSweep(pool: pg.Pool, id: string, opts: { withResults?: boolean } = {}): Promise<SweepView> {
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", `No sweep with id ${id}`);
  const { rows } = await pool.query(
    `SELECT id, name, mode, "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, axes, status, total, done, failed,
            "createdAt", "startedAt", "finishedAt" FROM sweeps WHERE id = $1`,
    [id],
  );
  const s = rows[0] as Record<string, unknown> | undefined;
  if (!s) throw new AppError("NOT_FOUND", `No sweep with id ${id}`);
  const results =
    opts.withResults === false
      ? []
      : (
          await pool.query(
            `SELECT idx, point, status, apy, "totalReturn", sharpe, "maxDrawdown", "errorCode", "errorMessage", "runId" FROM sweep_runs WHERE "sweepId" = $1 ORDER BY idx`,
            [id],
          )
        ).rows;
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
  return sweepViewSchema.parse({
    id: s.id,
    name: s.name,
    mode: s.mode,
    dataset: { name: s.datasetName, version: s.datasetVersion, source: s.datasetSource },
    windowStart: iso(s.windowStart),
    windowEnd: iso(s.windowEnd),
    capital: s.capital,
    axes: s.axes,
    status: s.status,
    total: s.total,
    done: s.done,
    failed: s.failed,
    createdAt: iso(s.createdAt),
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
    results,
  });
}

export interface SweepListItem {
  id: string;
  name: string;
  mode: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  createdAt: string;
  datasetSource: string;
}

export async function listSweeps(pool: pg.Pool): Promise<SweepListItem[]> {
  const { rows } = await pool.query<Omit<SweepListItem, "createdAt"> & { createdAt: Date }>(
    `SELECT id, name, mode, status, total, done, failed, "createdAt", "datasetSource" FROM sweeps ORDER BY "createdAt" DESC LIMIT 100`,
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function cancelSweep(pool: pg.Pool, id: string): Promise<void> {
  const res = await pool.query(`UPDATE sweeps SET status = 'cancelled', "finishedAt" = now() WHERE id = $1 AND status IN ('queued', 'running')`, [id]);
  if (res.rowCount === 0) throw new AppError("CONFLICT", "Only a queued or running sweep can be cancelled");
}
