// Writes one result batch of a run (steps + events) in one transaction, fenced on the claim's
// attempt: a worker presumed dead (its run re-claimed) cannot add rows to the new attempt.
import type pg from "pg";
import type { ResultBatch } from "./batching-sink";
import { copyInto } from "./copy-into";
import { encodeBatch, RUN_EVENT_COPY_COLUMNS, RUN_STEP_COPY_COLUMNS, type EncodedBatch } from "./copy-encoding";

export { encodeBatch, type EncodedBatch };

/** The run was re-claimed by another attempt or is no longer running: stop writing. */
export class RunFencedError extends Error {
  constructor(runId: string, attempt: number) {
    super(`run ${runId} attempt ${attempt} no longer holds the run (re-claimed, cancelled or finished)`);
    this.name = "RunFencedError";
  }
}

export interface RunClaim {
  runId: string;
  attempt: number;
}

/** Copies the batch's rows; the caller owns the transaction. */
export async function copyBatchRows(client: pg.PoolClient, runId: string, batch: ResultBatch | EncodedBatch): Promise<void> {
  const b = "eventCount" in batch ? batch : encodeBatch(runId, batch);
  if (b.steps) await copyInto(client, "run_steps", RUN_STEP_COPY_COLUMNS, b.steps, "binary");
  if (b.events) await copyInto(client, "run_events", RUN_EVENT_COPY_COLUMNS, b.events, "text");
}

/**
 * Locks the run row if this claim still holds it (status running, same attempt) and returns whether
 * a cancel was requested; throws RunFencedError otherwise. Call inside a transaction.
 */
export async function lockClaim(client: pg.PoolClient, claim: RunClaim): Promise<{ cancelRequested: boolean }> {
  const { rows } = await client.query<{ cancelRequested: boolean }>(
    `SELECT "cancelRequested" FROM runs WHERE id = $1 AND attempt = $2 AND status = 'running' FOR UPDATE`,
    [claim.runId, claim.attempt],
  );
  const row = rows[0];
  if (!row) throw new RunFencedError(claim.runId, claim.attempt);
  return row;
}

/** Runs `fn` in a transaction on a pooled client (rolled back on any error). */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken ? true : undefined);
  }
}

/**
 * Writes one batch and the progress it brings, atomically; returns whether a cancel is pending.
 * The fenced progress UPDATE comes first (it locks the run row and proves the claim), then the
 * COPYs. Intermediate batches commit without waiting for the WAL flush: after a crash a run is
 * redone from scratch anyway (claimRun clears partial rows), and completeRun's commit stays
 * synchronous.
 */
export async function writeRunBatch(pool: pg.Pool, claim: RunClaim, raw: ResultBatch | EncodedBatch): Promise<{ cancelRequested: boolean }> {
  const batch = "eventCount" in raw ? raw : encodeBatch(claim.runId, raw);
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN; SET LOCAL synchronous_commit = off");
    const { rows } = await client.query<{ cancelRequested: boolean }>(
      `UPDATE runs SET "stepsDone" = $3::int, "stepsTotal" = COALESCE($4::int, "stepsTotal"), "eventsCount" = "eventsCount" + $5::int,
         progress = CASE WHEN COALESCE($4::int, "stepsTotal") > 0 THEN LEAST(0.99, $3::int::float8 / COALESCE($4::int, "stepsTotal")) ELSE progress END,
         "heartbeatAt" = now()
       WHERE id = $1 AND attempt = $2 AND status = 'running' RETURNING "cancelRequested"`,
      [claim.runId, claim.attempt, batch.done, batch.total ?? null, batch.eventCount],
    );
    const state = rows[0];
    if (!state) throw new RunFencedError(claim.runId, claim.attempt);
    await copyBatchRows(client, claim.runId, batch);
    await client.query("COMMIT");
    return state;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken ? true : undefined);
  }
}
