// Finds live sessions a dead worker left behind: active (running, paused, stopping, or starting
// after a claim) with a heartbeat older than the stale limit. The job file re-enqueues them; the
// claim is fenced, so a duplicate job for a session that is still alive just skips.
import type pg from "pg";
import { z } from "zod";
import { SESSION_STALE_MS } from "./run-session";

export interface StaleSession {
  id: string;
  jobId: string | null;
  checkpointTick: number;
}

export async function findStaleSessions(pool: pg.Pool, staleMs = SESSION_STALE_MS): Promise<StaleSession[]> {
  const { rows } = await pool.query(
    `SELECT id, "jobId", "checkpointTick" FROM live_sessions
     WHERE status IN ('starting', 'running', 'paused', 'stopping') AND "lastHeartbeat" IS NOT NULL
       AND "lastHeartbeat" < now() - $1 * interval '1 millisecond'`,
    [staleMs],
  );
  return z.array(z.object({ id: z.string(), jobId: z.string().nullable(), checkpointTick: z.number() })).parse(rows);
}
