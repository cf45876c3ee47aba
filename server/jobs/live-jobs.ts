// Live sessions on the worker: one long-running job per session (payload: its id). On worker start
// and every few seconds after, sessions whose worker died (stale heartbeat) get a fresh job, which
// resumes them from their checkpoint.
import os from "node:os";
import { z } from "zod";
import { getPool } from "../db/pool";
import { getEnv } from "../env";
import { findStaleSessions } from "../live/find-stale-sessions";
import { runSession } from "../live/run-session";
import { defineJob, type JobDefinition } from "./job-definition";
import { enqueueJob, getBoss } from "./queue";

const RECOVERY_INTERVAL_MS = 5_000;
const ACTIVE_JOB_STATES = new Set(["created", "retry", "active"]);

export const liveSessionJob = defineJob({
  name: "live-session",
  payload: z.object({ sessionId: z.uuid() }),
  retryLimit: 3,
  // a session runs for as long as its window takes at its speed; dead workers are found by heartbeat
  // pg-boss refuses expirations of 24 h or more; a long session is re-enqueued from its checkpoint anyway.
  expireInSeconds: 23 * 60 * 60,
  handle: async ({ sessionId }, ctx) => {
    const outcome = await runSession(sessionId, {
      pool: getPool(),
      workerId: `${os.hostname()}:${process.pid}`,
      jobId: ctx.jobId,
      signal: ctx.signal,
      webhookUrl: getEnv().LIVE_ALERT_WEBHOOK_URL,
      exchange: { baseUrl: getEnv().LIVE_EXCHANGE_BASE_URL, secretsKey: getEnv().SECRETS_KEY },
      log: (line) => console.log(`[live] ${line}`),
    });
    // a shutdown hands the session back: fail the job so pg-boss retries it on a live worker
    if (outcome === "released") throw new Error(`session ${sessionId} released by worker shutdown; will be resumed`);
  },
  onWorkerStart: async ({ signal, log }) => {
    await resumeStaleSessions(log);
    const timer = setInterval(() => {
      resumeStaleSessions(log).catch((err: Error) => log(`stale-session recovery failed: ${err.message}`));
    }, RECOVERY_INTERVAL_MS);
    timer.unref();
    signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  },
});

/** Enqueues the job that runs (or resumes) a session; returns the job id. */
export async function enqueueLiveSession(sessionId: string): Promise<string> {
  const jobId = await enqueueJob(liveSessionJob, { sessionId });
  await getPool().query(`UPDATE live_sessions SET "jobId" = $2 WHERE id = $1`, [sessionId, jobId]);
  return jobId;
}

/** Gives every session with a stale heartbeat a job, unless one is already queued for it. */
export async function resumeStaleSessions(log: (line: string) => void): Promise<number> {
  const stale = await findStaleSessions(getPool());
  if (stale.length === 0) return 0;
  const boss = await getBoss();
  let n = 0;
  for (const s of stale) {
    const job = s.jobId ? await boss.getJobById(liveSessionJob.name, s.jobId) : null;
    if (job && job.state !== "active" && ACTIVE_JOB_STATES.has(job.state)) continue; // a retry is already waiting
    // cancel (not fail) the dead worker's job so pg-boss does not retry it next to the new one
    if (job?.state === "active") await boss.cancel(liveSessionJob.name, job.id).catch(() => undefined);
    await getPool().query(`UPDATE live_sessions SET "jobId" = NULL WHERE id = $1 AND "jobId" IS NOT DISTINCT FROM $2`, [s.id, s.jobId]);
    const id = await enqueueLiveSession(s.id);
    log(`session ${s.id}: worker lost at tick ${s.checkpointTick}; resuming with job ${id}`);
    n++;
  }
  return n;
}

export const LIVE_JOBS: readonly JobDefinition[] = [liveSessionJob];
