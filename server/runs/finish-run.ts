// Terminal transitions of a claimed run, each one transaction fenced on the claim: success (last
// batch + summary together, so a run is never visible as complete with missing rows), failure
// with a code, cancellation (partial rows dropped) and hand-back to the queue.
import type pg from "pg";
import type { RunDetails, RunSummary } from "../engine/types";
import type { ResultBatch } from "./batching-sink";
import { copyBatchRows, inTransaction, lockClaim, type EncodedBatch, type RunClaim } from "./write-run-batch";

const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** JSON with non-finite numbers as null (PostgreSQL's jsonb rejects NaN). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v));
}

export async function completeRun(pool: pg.Pool, claim: RunClaim, last: ResultBatch | EncodedBatch | null, result: { summary: RunSummary; details: RunDetails }): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lockClaim(client, claim);
    if (last) await copyBatchRows(client, claim.runId, last);
    const { summary, details } = result;
    const m = summary.metrics;
    await client.query(
      `UPDATE runs SET status = 'succeeded', progress = 1, "stepsDone" = $2, "stepsTotal" = $2,
         "eventsCount" = (SELECT count(*) FROM run_events WHERE run_id = $1), summary = $3::jsonb, details = $4::jsonb,
         "totalReturn" = $5, apy = $6, sharpe = $7, "maxDrawdown" = $8, "finalEquity" = $9,
         "finishedAt" = now(), "durationMs" = (EXTRACT(EPOCH FROM (now() - "startedAt")) * 1000)::int, "heartbeatAt" = now()
       WHERE id = $1`,
      [claim.runId, summary.steps, toJson(summary), toJson(details), finiteOrNull(m.totalReturn), finiteOrNull(m.apy), finiteOrNull(m.sharpe), finiteOrNull(m.maxDrawdown), finiteOrNull(summary.finalEquity)],
    );
  });
}

export async function failRun(pool: pg.Pool, claim: RunClaim, code: string, message: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lockClaim(client, claim);
    await client.query(
      `UPDATE runs SET status = 'failed', "errorCode" = $2, "errorMessage" = $3, "finishedAt" = now(),
         "durationMs" = (EXTRACT(EPOCH FROM (now() - "startedAt")) * 1000)::int WHERE id = $1`,
      [claim.runId, code, message.slice(0, 2_000)],
    );
  });
}

export async function cancelClaimedRun(pool: pg.Pool, claim: RunClaim): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lockClaim(client, claim);
    await client.query("DELETE FROM run_steps WHERE run_id = $1", [claim.runId]);
    await client.query("DELETE FROM run_events WHERE run_id = $1", [claim.runId]);
    await client.query(
      `UPDATE runs SET status = 'cancelled', "stepsDone" = 0, "eventsCount" = 0, "finishedAt" = now(),
         "durationMs" = (EXTRACT(EPOCH FROM (now() - "startedAt")) * 1000)::int WHERE id = $1`,
      [claim.runId],
    );
  });
}

/** Gives the run back to the queue (worker shutting down); the job's retry claims it again. */
export async function requeueRun(pool: pg.Pool, claim: RunClaim): Promise<void> {
  await pool.query(`UPDATE runs SET status = 'queued', "workerId" = NULL WHERE id = $1 AND attempt = $2 AND status = 'running'`, [claim.runId, claim.attempt]);
}

/** Refreshes the heartbeat; returns null when the claim was lost, else whether a cancel is pending. */
export async function beatRun(pool: pg.Pool, claim: RunClaim): Promise<{ cancelRequested: boolean } | null> {
  const { rows } = await pool.query<{ cancelRequested: boolean }>(
    `UPDATE runs SET "heartbeatAt" = now() WHERE id = $1 AND attempt = $2 AND status = 'running' RETURNING "cancelRequested"`,
    [claim.runId, claim.attempt],
  );
  return rows[0] ?? null;
}
