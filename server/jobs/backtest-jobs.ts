// Jobs that run backtests on the worker: one job per run (payload: its id). On worker start and
// every few seconds after, runs a dead worker left "running" are marked failed and their jobs
// failed too, so pg-boss retries them from scratch.
import os from "node:os";
import { getPool } from "../db/pool";
import { executeRun } from "../runs/execute-run";
import { recoverStaleRuns, workerIdOf } from "../runs/recover-stale-runs";
import { RUN_BACKTEST_JOB_SPEC } from "../runs/run-backtest-job-spec";
import { defineJob, type JobDefinition } from "./job-definition";
import { getBoss } from "./queue";

const RECOVERY_INTERVAL_MS = 10_000;

/** Marks dead workers' runs failed and fails their still-active jobs (which triggers the retry). */
export async function recoverDeadWorkerRuns(log: (line: string) => void): Promise<number> {
  const recovered = await recoverStaleRuns(getPool(), { host: os.hostname() });
  if (recovered.length === 0) return 0;
  const boss = await getBoss();
  for (const r of recovered) {
    log(`run ${r.id}: its worker died mid-run (attempt ${r.attempt}); ${r.cancelled ? "cancel was pending: cancelled" : `failing job ${r.jobId ?? "-"} so it is retried`}`);
    if (!r.jobId) continue;
    const job = await boss.getJobById(RUN_BACKTEST_JOB_SPEC.name, r.jobId);
    if (job?.state !== "active") continue;
    if (r.cancelled) await boss.cancel(RUN_BACKTEST_JOB_SPEC.name, r.jobId);
    else await boss.fail(RUN_BACKTEST_JOB_SPEC.name, r.jobId, { reason: "worker lost" });
  }
  return recovered.length;
}

export const runBacktestJob = defineJob({
  ...RUN_BACKTEST_JOB_SPEC,
  handle: async ({ runId }, ctx) => {
    const outcome = await executeRun(runId, { pool: getPool(), workerId: workerIdOf(os.hostname(), process.pid), signal: ctx.signal });
    // a shutdown hands the run back: fail the job so pg-boss retries it on a live worker
    if (outcome === "requeued") throw new Error(`run ${runId} interrupted by worker shutdown; will be retried`);
  },
  onWorkerStart: async ({ signal, log }) => {
    await recoverDeadWorkerRuns(log);
    const timer = setInterval(() => {
      recoverDeadWorkerRuns(log).catch((err: Error) => log(`stale-run recovery failed: ${err.message}`));
    }, RECOVERY_INTERVAL_MS);
    timer.unref();
    signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  },
});

export const BACKTEST_JOBS: readonly JobDefinition[] = [runBacktestJob];
