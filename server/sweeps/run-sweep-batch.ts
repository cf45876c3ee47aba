// Runs one batch of a sweep's configs on a worker: summaries only, written in one statement, then
// the sweep's counters are recounted (idempotent, so a retried batch never double-counts).
import type pg from "pg";
import { z } from "zod";
import { isEngineError } from "../engine/core/errors";
import { runBacktest } from "../engine/run-backtest";
import type { MarketData } from "../market-data/series";
import { loadDatasetById } from "../market-data/store";

const DATASET_CACHE_LIMIT = 3;
const datasetCache = new Map<string, Promise<MarketData>>();

/** Workers keep recently used data sets in memory: a sweep's batches all read the same one. */
function cachedDataset(pool: pg.Pool, id: string): Promise<MarketData> {
  let hit = datasetCache.get(id);
  if (!hit) {
    hit = loadDatasetById(pool, id);
    hit.catch(() => datasetCache.delete(id));
    datasetCache.set(id, hit);
    while (datasetCache.size > DATASET_CACHE_LIMIT) datasetCache.delete(datasetCache.keys().next().value as string);
  }
  return hit;
}

const sweepRowSchema = z.object({
  mode: z.string(),
  datasetId: z.string(),
  windowStart: z.date(),
  windowEnd: z.date(),
  capital: z.number(),
  status: z.string(),
});

export async function runSweepBatch(pool: pg.Pool, sweepId: string, from: number, to: number): Promise<{ ran: number }> {
  const { rows } = await pool.query(`SELECT mode, "datasetId", "windowStart", "windowEnd", capital, status FROM sweeps WHERE id = $1`, [sweepId]);
  if (rows.length === 0) return { ran: 0 };
  const sweep = sweepRowSchema.parse(rows[0]);
  if (sweep.status === "cancelled") return { ran: 0 };
  await pool.query(`UPDATE sweeps SET status = 'running', "startedAt" = COALESCE("startedAt", now()) WHERE id = $1 AND status = 'queued'`, [sweepId]);
  const { rows: todo } = await pool.query<{ idx: number; params: unknown }>(
    `SELECT idx, params FROM sweep_runs WHERE "sweepId" = $1 AND idx >= $2 AND idx < $3 AND status = 'queued' ORDER BY idx`,
    [sweepId, from, to],
  );
  if (todo.length > 0) {
    const data = await cachedDataset(pool, sweep.datasetId);
    const idx: number[] = [];
    const status: string[] = [];
    const summary: (string | null)[] = [];
    const errorCode: (string | null)[] = [];
    const errorMessage: (string | null)[] = [];
    for (const row of todo) {
      idx.push(row.idx);
      try {
        const s = runBacktest({ mode: sweep.mode, params: row.params, data, start: sweep.windowStart.getTime(), end: sweep.windowEnd.getTime(), capital: sweep.capital });
        status.push("succeeded");
        summary.push(JSON.stringify(s));
        errorCode.push(null);
        errorMessage.push(null);
      } catch (err) {
        status.push("failed");
        summary.push(null);
        errorCode.push(isEngineError(err) ? err.code : "INTERNAL");
        errorMessage.push(err instanceof Error ? err.message : String(err));
      }
    }
    await pool.query(
      `UPDATE sweep_runs r SET status = u.status, summary = u.summary,
              apy = (u.summary->'metrics'->>'apy')::float8, "totalReturn" = (u.summary->'metrics'->>'totalReturn')::float8,
              sharpe = (u.summary->'metrics'->>'sharpe')::float8, "maxDrawdown" = (u.summary->'metrics'->>'maxDrawdown')::float8,
              "errorCode" = u.code, "errorMessage" = u.message, "finishedAt" = now()
         FROM unnest($2::int[], $3::text[], $4::jsonb[], $5::text[], $6::text[]) AS u(idx, status, summary, code, message)
        WHERE r."sweepId" = $1 AND r.idx = u.idx`,
      [sweepId, idx, status, summary, errorCode, errorMessage],
    );
  }
  await pool.query(
    `UPDATE sweeps s SET done = c.done, failed = c.failed,
            status = CASE WHEN s.status = 'cancelled' THEN s.status WHEN c.done + c.failed >= s.total THEN (CASE WHEN c.done = 0 THEN 'failed' ELSE 'succeeded' END) ELSE 'running' END,
            "finishedAt" = CASE WHEN c.done + c.failed >= s.total THEN COALESCE(s."finishedAt", now()) ELSE NULL END
       FROM (SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS done, count(*) FILTER (WHERE status = 'failed')::int AS failed
               FROM sweep_runs WHERE "sweepId" = $1) c
      WHERE s.id = $1`,
    [sweepId],
  );
  return { ran: todo.length };
}
