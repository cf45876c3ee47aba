// The real worker process (pg-boss, heartbeat, start hook) against a run a SIGKILLed worker left
// behind: "running", its pg-boss job still active, partial rows written. On start the new worker
// marks it failed (WORKER_LOST), fails the job so pg-boss retries it, and the retry re-runs it
// from scratch with the real engine: no duplicated or leftover rows, attempt 2, succeeded.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePool, getPool } from "../db/pool";
import { getBoss, stopBoss } from "../jobs/queue";
import { saveDataset } from "../market-data/store";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { createRun } from "./create-run";
import { RUN_BACKTEST_JOB_SPEC } from "./run-backtest-job-spec";

let datasetName = "";
let worker: ChildProcess | null = null;

beforeAll(async () => {
  datasetName = `wr-${randomUUID().slice(0, 8)}`;
  await saveDataset(getPool(), { name: datasetName, source: "synthetic", data: generateSyntheticData({ seed: 9, end: "2024-01-05T00:00:00Z" }) });
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker?.once("exit", r));
    worker.kill("SIGTERM");
    await exited;
  }
  await stopBoss();
  await closePool();
});

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met in time (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("worker restart after a SIGKILL mid-run", () => {
  it("retries the dead worker's run from scratch through pg-boss", async () => {
    const pool = getPool();
    const { id, jobId } = await createRun({ mode: "btc_basis", datasetName, start: "2024-01-01", end: "2024-01-04", capital: 50_000 });
    // the dead worker had fetched the job (active) and claimed the run
    const boss = await getBoss();
    const fetched = await boss.fetch(RUN_BACKTEST_JOB_SPEC.name, { batchSize: 100 });
    expect(fetched.map((j) => j.id)).toContain(jobId);
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    await pool.query(
      `UPDATE runs SET status = 'running', attempt = 1, "workerId" = $2, "startedAt" = now(), "heartbeatAt" = now(), "stepsDone" = 2 WHERE id = $1`,
      [id, `${os.hostname()}:${deadPid}`],
    );
    await pool.query(`INSERT INTO run_steps (run_id, step, time_ms, equity) VALUES ($1, 0, 0, -1), ($1, 1, 0, -1)`, [id]);
    await pool.query(`INSERT INTO run_events (run_id, seq, time_ms, type, component, payload) VALUES ($1, 1, 0, 'Partial', 'dead-worker', '{}')`, [id]);

    worker = spawn(process.execPath, ["--import", "tsx", "server/jobs/worker-main.ts"], { env: { ...process.env, WORKER_CONCURRENCY: "1" }, stdio: "ignore" });

    const done = await waitFor(
      async () => (await pool.query(`SELECT status, attempt, "errorCode", summary FROM runs WHERE id = $1`, [id])).rows[0] as { status: string; attempt: number; errorCode: string | null; summary: { steps: number; events: number } | null },
      (r) => r.status === "succeeded" || (r.status === "failed" && r.errorCode !== "WORKER_LOST"),
    );
    expect(done).toMatchObject({ status: "succeeded", attempt: 2, errorCode: null });
    const { rows } = await pool.query(
      `SELECT (SELECT count(*)::int FROM run_steps WHERE run_id = $1) AS steps, (SELECT count(DISTINCT step)::int FROM run_steps WHERE run_id = $1) AS distinct_steps,
              (SELECT count(*)::int FROM run_steps WHERE run_id = $1 AND equity < 0) AS leftovers,
              (SELECT count(*)::int FROM run_events WHERE run_id = $1) AS events, (SELECT count(*)::int FROM run_events WHERE run_id = $1 AND type = 'Partial') AS partial_events`,
      [id],
    );
    expect(rows[0]).toEqual({ steps: done.summary?.steps, distinct_steps: done.summary?.steps, leftovers: 0, events: done.summary?.events, partial_events: 0 });
    const job = await boss.getJobById(RUN_BACKTEST_JOB_SPEC.name, jobId);
    expect(job?.state).toBe("completed");
    expect(job?.retryCount).toBe(1);
  });
});
