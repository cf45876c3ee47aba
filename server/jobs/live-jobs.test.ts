// The live-session job on pg-boss: enqueue, a worker "dies" mid-session (its job stays active, its
// heartbeat goes stale), recovery fails the dead job and enqueues a fresh one exactly once, and
// that job resumes the session to the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool, closePool } from "../db/pool";
import { createSession } from "../live/create-session";
import { runSession } from "../live/run-session";
import { findSessionRow } from "../live/session-row";
import { ensureSyntheticDataset } from "../startup/seed-synthetic";
import { enqueueLiveSession, liveSessionJob, resumeStaleSessions } from "./live-jobs";
import { getBoss, stopBoss } from "./queue";

const DATASET = "live-jobs-test";

beforeAll(() => ensureSyntheticDataset(getPool(), { name: DATASET, end: "2024-01-05T00:00:00Z" }));
afterAll(async () => {
  await stopBoss();
  await closePool();
});

describe("live-session job", () => {
  it("recovers a session whose worker died: one new job, which resumes it from the checkpoint", async () => {
    const pool = getPool();
    const { id } = await createSession(pool, { mode: "eth_basis", capital: 50_000, datasetName: DATASET, start: "2024-01-02", end: "2024-01-03", speed: 1000 });
    const jobId = await enqueueLiveSession(id);
    const boss = await getBoss();
    // the first worker takes the job and dies after tick 7 (its job stays "active")
    const [taken] = await boss.fetch<{ sessionId: string }>(liveSessionJob.name);
    expect(taken?.id).toBe(jobId);
    expect(await runSession(id, { pool, workerId: "dead:1", jobId, sleep: async () => undefined, afterStep: (t) => t < 7 })).toBe("released");
    expect(await resumeStaleSessions(() => undefined)).toBe(0); // heartbeat still fresh
    await pool.query(`UPDATE live_sessions SET "lastHeartbeat" = now() - interval '1 minute' WHERE id = $1`, [id]);
    const lines: string[] = [];
    expect(await resumeStaleSessions((l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/worker lost at tick 7/);
    expect((await boss.getJobById(liveSessionJob.name, jobId))?.state).toBe("cancelled");
    // a second pass does not pile up jobs while one is waiting
    expect(await resumeStaleSessions(() => undefined)).toBe(0);
    const row = await findSessionRow(pool, id);
    expect(row.jobId).not.toBe(jobId);
    const [next] = await boss.fetch<{ sessionId: string }>(liveSessionJob.name);
    expect(next?.id).toBe(row.jobId);
    await liveSessionJob.handle(liveSessionJob.payload.parse(next?.data), { jobId: next?.id ?? "", signal: new AbortController().signal });
    const done = await findSessionRow(pool, id);
    expect(done.status).toBe("stopped");
    expect(done.checkpointTick).toBe(done.totalTicks - 1);
    const { rows } = await pool.query(`SELECT type FROM live_session_events WHERE "sessionId" = $1 AND type IN ('SessionResumed', 'PositionsReconciled', 'SessionCompleted') ORDER BY id`, [id]);
    expect(rows.map((r) => r.type)).toEqual(["SessionResumed", "PositionsReconciled", "SessionCompleted"]);
  });
});
