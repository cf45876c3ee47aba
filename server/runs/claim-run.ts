// Claims a run for one execution attempt: queued runs, runs whose worker died (stale heartbeat,
// WORKER_LOST) or runs this same worker held. Clears any partial rows of earlier attempts in the
// same transaction, so a retry starts from scratch and never duplicates rows.
import type pg from "pg";
import { z } from "zod";
import { RUN_ERROR_CODES } from "./run-error-codes";
import { inTransaction, type RunClaim } from "./write-run-batch";

const claimedRowSchema = z.object({
  id: z.string(),
  attempt: z.number().int(),
  mode: z.string(),
  config: z.record(z.string(), z.unknown()),
  datasetId: z.string(),
  windowStart: z.date(),
  windowEnd: z.date(),
  capital: z.number(),
  startedAt: z.date(),
  signalCsv: z.string().nullable(),
});
export type ClaimedRun = z.infer<typeof claimedRowSchema> & RunClaim;

export async function claimRun(pool: pg.Pool, runId: string, workerId: string, staleMs: number): Promise<ClaimedRun | null> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query(
      `UPDATE runs SET status = 'running', attempt = attempt + 1, "workerId" = $2, "startedAt" = now(), "heartbeatAt" = now(),
         progress = 0, "stepsDone" = 0, "eventsCount" = 0, "errorCode" = NULL, "errorMessage" = NULL, "finishedAt" = NULL, "durationMs" = NULL
       WHERE id = $1 AND "cancelRequested" = false AND (
         status = 'queued'
         OR (status = 'running' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - $3 * interval '1 millisecond' OR "workerId" = $2))
         OR (status = 'failed' AND "errorCode" = $4))
       RETURNING id, attempt, mode, config, "datasetId", "windowStart", "windowEnd", capital, "startedAt", "signalCsv"`,
      [runId, workerId, staleMs, RUN_ERROR_CODES.WORKER_LOST],
    );
    if (rows.length === 0) return null;
    const run = claimedRowSchema.parse(rows[0]);
    await client.query("DELETE FROM run_steps WHERE run_id = $1", [runId]);
    await client.query("DELETE FROM run_events WHERE run_id = $1", [runId]);
    return { ...run, runId: run.id };
  });
}
