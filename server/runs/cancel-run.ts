// cancelRun: a queued run is cancelled at once (its job too); a running one gets a cancel request
// the worker honours within a heartbeat, dropping the partial rows. Finished runs are immutable.
import { getPool } from "../db/pool";
import { AppError } from "../errors";
import { getBoss } from "../jobs/queue";
import { RUN_BACKTEST_JOB_SPEC } from "./run-backtest-job-spec";
import type { RunStatus } from "./run-schemas";

export async function cancelRun(runId: string): Promise<{ status: RunStatus }> {
  const pool = getPool();
  const queued = await pool.query<{ jobId: string | null }>(
    `UPDATE runs SET status = 'cancelled', "cancelRequested" = true, "finishedAt" = now() WHERE id = $1 AND status = 'queued' RETURNING "jobId"`,
    [runId],
  );
  if (queued.rows[0]) {
    const jobId = queued.rows[0].jobId;
    if (jobId) await (await getBoss()).cancel(RUN_BACKTEST_JOB_SPEC.name, jobId).catch(() => undefined);
    return { status: "cancelled" };
  }
  const running = await pool.query(`UPDATE runs SET "cancelRequested" = true WHERE id = $1 AND status = 'running' RETURNING id`, [runId]);
  if (running.rowCount === 1) return { status: "running" };
  const { rows } = await pool.query<{ status: RunStatus }>(`SELECT status FROM runs WHERE id = $1`, [runId]);
  if (!rows[0]) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  throw new AppError("CONFLICT", `run ${runId} is already ${rows[0].status}`);
}
