// Finds runs left "running" by a worker that died (SIGKILL, crash, power loss) and marks them failed
// with WORKER_LOST and a reason; the caller then fails their pg-boss jobs so the retry re-claims
// them from scratch (claimRun accepts WORKER_LOST runs). Never leaves a run "running" forever.
import type pg from "pg";
import { z } from "zod";
import { RUN_ERROR_CODES, RUN_STALE_MS } from "./run-error-codes";

export interface RecoveredRun {
  id: string;
  jobId: string | null;
  attempt: number;
  /** a cancel had been requested: the run ends cancelled (its job should be cancelled, not retried) */
  cancelled: boolean;
}

/** `host:pid` of this process, the form stored in runs.workerId. */
export function workerIdOf(host: string, pid: number): string {
  return `${host}:${pid}`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Marks failed every running run whose heartbeat is older than `staleMs`, or whose worker ran on
 * `host` under a pid that no longer exists (a restarted worker notices at once).
 */
export async function recoverStaleRuns(pool: pg.Pool, opts: { host: string; staleMs?: number }): Promise<RecoveredRun[]> {
  const { rows } = await pool.query(`SELECT id, "workerId", "jobId", attempt, "cancelRequested", "heartbeatAt" < now() - $1 * interval '1 millisecond' AS stale FROM runs WHERE status = 'running'`, [
    opts.staleMs ?? RUN_STALE_MS,
  ]);
  const candidates = z
    .array(z.object({ id: z.string(), workerId: z.string().nullable(), jobId: z.string().nullable(), attempt: z.number(), cancelRequested: z.boolean(), stale: z.boolean().nullable() }))
    .parse(rows)
    .filter((r) => {
      if (r.stale !== false) return true;
      const [host, pid] = (r.workerId ?? "").split(":");
      return host === opts.host && pid !== undefined && /^\d+$/.test(pid) && !processIsAlive(Number(pid));
    });
  const recovered: RecoveredRun[] = [];
  for (const r of candidates) {
    // a run whose cancel was pending simply ends cancelled (partial rows dropped), not retried
    const res = r.cancelRequested
      ? await pool.query(
          `WITH gone AS (DELETE FROM run_steps WHERE run_id = $1), gone_events AS (DELETE FROM run_events WHERE run_id = $1)
           UPDATE runs SET status = 'cancelled', "stepsDone" = 0, "eventsCount" = 0, "finishedAt" = now() WHERE id = $1 AND attempt = $2 AND status = 'running'`,
          [r.id, r.attempt],
        )
      : await pool.query(
          `UPDATE runs SET status = 'failed', "errorCode" = $3, "finishedAt" = now(),
             "errorMessage" = 'The worker running this backtest stopped mid-run (attempt ' || attempt || '); it is retried from scratch while retries remain.'
           WHERE id = $1 AND attempt = $2 AND status = 'running'`,
          [r.id, r.attempt, RUN_ERROR_CODES.WORKER_LOST],
        );
    if (res.rowCount === 1) recovered.push({ id: r.id, jobId: r.jobId, attempt: r.attempt, cancelled: r.cancelRequested });
  }
  return recovered;
}
