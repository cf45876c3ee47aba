// Integration tests of the run pipeline against the per-run PostgreSQL: launch validation (field
// errors, nothing enqueued), missing series, COPY batches with progress, atomic completion, engine
// failure, cancel mid-run, fencing, and recovery of a SIGKILLed worker (retry clears partial rows).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePool, getPool } from "../db/pool";
import { AppError } from "../errors";
import { stopBoss } from "../jobs/queue";
import { saveDataset } from "../market-data/store";
import type { MarketData } from "../market-data/series";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runBacktestCommand } from "../cli/backtest";
import { cancelRun } from "./cancel-run";
import { exportRun } from "./export-run";
import { claimRun } from "./claim-run";
import { createRun } from "./create-run";
import { executeRun } from "./execute-run";
import { recoverStaleRuns, workerIdOf } from "./recover-stale-runs";
import { RunFencedError, writeRunBatch } from "./write-run-batch";

const FAKE_ENGINE = new URL("./fixtures/fake-engine-thread.ts", import.meta.url);
const uniq = (label: string) => `runs-${label}-${randomUUID().slice(0, 8)}`;
const me = workerIdOf(os.hostname(), process.pid);

let fullSet = "";
let fullSetId = "";
let partialSet = "";

beforeAll(async () => {
  const data = generateSyntheticData({ seed: 7, end: "2024-01-04T00:00:00Z" });
  fullSet = uniq("full");
  const saved = await saveDataset(getPool(), { name: fullSet, source: "synthetic", data });
  fullSetId = saved.id;
  partialSet = uniq("nogas");
  const series = new Map([...data.series].filter(([id]) => id !== "gas:ethereum"));
  const partial: MarketData = { ...data, name: partialSet, series };
  await saveDataset(getPool(), { name: partialSet, source: "synthetic", data: partial });
});

afterAll(async () => {
  await stopBoss();
  await closePool();
});

async function insertRun(config: Record<string, unknown>): Promise<string> {
  const { rows } = await getPool().query<{ id: string }>(
    `INSERT INTO runs (id, name, mode, "datasetId", "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, "shareClass", config, "engineVersion")
     VALUES (gen_random_uuid(), 'test', 'pure_lending_usdt', $1, $2, 1, 'synthetic', '2024-01-01T00:00Z', '2024-01-03T00:00Z', 100000, 'USDT', $3, 'test') RETURNING id`,
    [fullSetId, fullSet, JSON.stringify(config)],
  );
  return rows[0]?.id ?? "";
}

async function runRow(id: string) {
  const { rows } = await getPool().query(
    `SELECT status, progress, "stepsDone", "eventsCount", attempt, "errorCode", "errorMessage", summary, apy, sharpe,
            (SELECT count(*)::int FROM run_steps WHERE run_id = $1) AS steps, (SELECT count(*)::int FROM run_events WHERE run_id = $1) AS events,
            (SELECT count(DISTINCT step)::int FROM run_steps WHERE run_id = $1) AS "distinctSteps"
     FROM runs WHERE id = $1`,
    [id],
  );
  return rows[0] as Record<string, unknown>;
}

const jobCount = async (runId: string) =>
  Number((await getPool().query(`SELECT count(*) AS n FROM pgboss.job WHERE data->>'runId' = $1`, [runId])).rows[0]?.n ?? 0);

describe("createRun", () => {
  const base = { mode: "pure_lending_usdt" as const, start: "2024-01-01", end: "2024-01-02", capital: 100_000 };

  it("returns per-field errors for bad parameters and enqueues nothing", async () => {
    const before = Number((await getPool().query("SELECT count(*) AS n FROM runs")).rows[0]?.n);
    const err = await createRun({ ...base, datasetName: fullSet, capital: 5, params: { positionDeviationThreshold: 9, bogus: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe("INVALID_INPUT");
    expect(Object.keys(e.fieldErrors ?? {})).toContain("capital");
    const err2 = (await createRun({ ...base, datasetName: fullSet, params: { positionDeviationThreshold: 9 } }).catch((x: unknown) => x)) as AppError;
    expect(err2.fieldErrors?.["params.positionDeviationThreshold"]?.[0]).toMatch(/0\.5|less/);
    const after = Number((await getPool().query("SELECT count(*) AS n FROM runs")).rows[0]?.n);
    expect(after).toBe(before);
  });

  it("refuses a window outside the data set's coverage, naming the field", async () => {
    const err = (await createRun({ ...base, datasetName: fullSet, end: "2024-03-01" }).catch((x: unknown) => x)) as AppError;
    expect(err.fieldErrors?.end?.[0]).toMatch(/coverage/);
  });

  it("refuses a data set lacking a series the mode needs, naming the series", async () => {
    const err = (await createRun({ ...base, datasetName: partialSet }).catch((x: unknown) => x)) as AppError;
    expect(err.code).toBe("DATA_MISSING");
    expect(err.message).toContain("gas:ethereum");
  });

  it("stores a queued run with the validated, defaulted config and enqueues one job", async () => {
    const created = await createRun({ ...base, datasetName: fullSet, params: { positionDeviationThreshold: 0.05 } });
    const { rows } = await getPool().query(`SELECT status, config, "jobId", "datasetSource" FROM runs WHERE id = $1`, [created.id]);
    expect(rows[0]?.status).toBe("queued");
    expect(rows[0]?.config).toMatchObject({ positionDeviationThreshold: 0.05, costs: true, maxStaleHours: 24 });
    expect(rows[0]?.jobId).toBe(created.jobId);
    expect(await jobCount(created.id)).toBe(1);
    // a queued run cancels at once
    expect((await cancelRun(created.id)).status).toBe("cancelled");
    await expect(cancelRun(created.id)).rejects.toThrow(/already cancelled/);
  });
});

describe("executeRun", () => {
  it("writes every step and event once, with the summary committed atomically", async () => {
    const id = await insertRun({ steps: 95 });
    const outcome = await executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 10 });
    expect(outcome).toBe("succeeded");
    const r = await runRow(id);
    expect(r).toMatchObject({ status: "succeeded", progress: 1, stepsDone: 95, steps: 95, distinctSteps: 95, events: 95, eventsCount: 95, apy: 0.05, sharpe: 2, attempt: 1 });
    const { rows } = await getPool().query(`SELECT step, equity, health_factor FROM run_steps WHERE run_id = $1 ORDER BY step LIMIT 2`, [id]);
    expect(rows).toEqual([
      { step: 0, equity: 100000, health_factor: null },
      { step: 1, equity: 100001, health_factor: 1.5 },
    ]);
    const ev = await getPool().query(`SELECT payload FROM run_events WHERE run_id = $1 AND seq = 1`, [id]);
    expect(ev.rows[0]?.payload).toEqual({ i: 0, note: "tab\there" });
    // succeeded runs are immutable: a second execution does not claim it
    expect(await executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE })).toBe("skipped");
  });

  it("marks an engine error failed with its code and message, keeping rows up to the failure", async () => {
    const id = await insertRun({ steps: 50, failAt: 25 });
    expect(await executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 10 })).toBe("failed");
    const r = await runRow(id);
    expect(r).toMatchObject({ status: "failed", errorCode: "DATA-004", steps: 25 });
    expect(String(r.errorMessage)).toContain("fake gap at step 25");
  });

  it("cancels mid-run and drops the partial rows", async () => {
    const id = await insertRun({ steps: 2_000, sleepMsPerStep: 2 });
    const running = executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 20, heartbeatMs: 100 });
    await waitFor(async () => Number((await runRow(id)).stepsDone) > 0);
    expect((await cancelRun(id)).status).toBe("running");
    expect(await running).toBe("cancelled");
    expect(await runRow(id)).toMatchObject({ status: "cancelled", steps: 0, events: 0 });
  });

  it("fences a superseded attempt: its batch writes are refused", async () => {
    const id = await insertRun({ steps: 10 });
    const first = await claimRun(getPool(), id, "host-a:1", 30_000);
    expect(first?.attempt).toBe(1);
    const second = await claimRun(getPool(), id, "host-b:2", 0);
    expect(second?.attempt).toBe(2);
    const batch = { firstStep: 0, rows: 1, steps: new Float64Array(36), events: [], done: 1, total: 10 };
    await expect(writeRunBatch(getPool(), { runId: id, attempt: 1 }, batch)).rejects.toBeInstanceOf(RunFencedError);
    await expect(writeRunBatch(getPool(), { runId: id, attempt: 2 }, batch)).resolves.toEqual({ cancelRequested: false });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a worker SIGKILLed mid-run", () => {
  it("leaves a run that recovery marks failed with a reason and a retry redoes from scratch", async () => {
    const id = await insertRun({ steps: 400, sleepMsPerStep: 5 });
    const child = spawn(process.execPath, ["--import", "tsx", "server/runs/fixtures/execute-run-child.ts", id], { env: process.env, stdio: "ignore" });
    await waitFor(async () => Number((await runRow(id)).steps) >= 20);
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await exited;
    const partial = await runRow(id);
    expect(partial.status).toBe("running");
    expect(Number(partial.steps)).toBeGreaterThan(0);
    expect(Number(partial.steps)).toBeLessThan(400);

    // the restarted worker sees the dead pid on its host at once (no wait for the stale heartbeat)
    const recovered = await recoverStaleRuns(getPool(), { host: os.hostname() });
    expect(recovered.map((r) => r.id)).toContain(id);
    const failed = await runRow(id);
    expect(failed).toMatchObject({ status: "failed", errorCode: "WORKER_LOST" });
    expect(String(failed.errorMessage)).toMatch(/stopped mid-run/);

    // pg-boss's retry re-claims it: partial rows are cleared, every step written exactly once
    expect(await executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 50 })).toBe("succeeded");
    expect(await runRow(id)).toMatchObject({ status: "succeeded", attempt: 2, steps: 400, distinctSteps: 400, events: 400, errorCode: null });
  });
});

describe("the real engine through the worker pipeline", () => {
  it.each(["pure_lending_usdt", "btc_basis"] as const)("%s: every step stored, summary matches the rows", async (mode) => {
    const created = await createRun({ mode, datasetName: fullSet, start: "2024-01-01", end: "2024-01-03", capital: 100_000 });
    expect(await executeRun(created.id, { pool: getPool(), workerId: me, batchRows: 16 })).toBe("succeeded");
    const r = await runRow(created.id);
    const summary = r.summary as { steps: number; events: number; finalEquity: number };
    expect(r.status).toBe("succeeded");
    expect(r.steps).toBe(summary.steps);
    expect(r.distinctSteps).toBe(summary.steps);
    expect(r.events).toBe(summary.events);
    const last = await getPool().query(`SELECT equity FROM run_steps WHERE run_id = $1 ORDER BY step DESC LIMIT 1`, [created.id]);
    expect(last.rows[0]?.equity).toBeCloseTo(summary.finalEquity, 6);
  });
});

describe("config export", () => {
  it("re-runs through the CLI (--config) to the same summary", async () => {
    const created = await createRun({ mode: "eth_basis", datasetName: fullSet, start: "2024-01-01", end: "2024-01-03", capital: 75_000, params: { positionDeviationThreshold: 0.03 } });
    expect(await executeRun(created.id, { pool: getPool(), workerId: me })).toBe("succeeded");
    const config = (await exportRun(created.id, "config")).body as string;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "run-config-")), "config.json");
    writeFileSync(file, config);
    let out = "";
    const code = await runBacktestCommand(["--config", file, "--json"], { out: (t) => ((out += t), true), err: () => true });
    expect(code).toBe(0);
    const cli = JSON.parse(out) as { steps: number; finalEquity: number; metrics: { apy: number | null } };
    const stored = (await runRow(created.id)).summary as { steps: number; finalEquity: number; metrics: { apy: number | null } };
    expect(cli.steps).toBe(stored.steps);
    expect(cli.finalEquity).toBe(stored.finalEquity);
    expect(cli.metrics.apy).toBe(stored.metrics.apy);
  });
});

describe("recovery of a dead worker's run with a cancel pending", () => {
  it("ends it cancelled with its partial rows dropped", async () => {
    const id = await insertRun({ steps: 10 });
    const dead = `${os.hostname()}:999999999`;
    await getPool().query(`UPDATE runs SET status = 'running', attempt = 1, "workerId" = $2, "heartbeatAt" = now(), "cancelRequested" = true WHERE id = $1`, [id, dead]);
    await getPool().query(`INSERT INTO run_steps (run_id, step, time_ms) VALUES ($1, 0, 0)`, [id]);
    const recovered = await recoverStaleRuns(getPool(), { host: os.hostname() });
    expect(recovered.find((r) => r.id === id)).toMatchObject({ cancelled: true });
    expect(await runRow(id)).toMatchObject({ status: "cancelled", steps: 0, errorCode: null });
  });
});

describe("worker shutdown mid-run", () => {
  it("hands the run back to the queue (the job's retry claims it again)", async () => {
    const id = await insertRun({ steps: 2_000, sleepMsPerStep: 2 });
    const controller = new AbortController();
    const running = executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 20, signal: controller.signal });
    await waitFor(async () => Number((await runRow(id)).stepsDone) > 0);
    controller.abort();
    expect(await running).toBe("requeued");
    expect((await runRow(id)).status).toBe("queued");
    expect(await executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 500 })).toBe("succeeded");
    expect(await runRow(id)).toMatchObject({ status: "succeeded", attempt: 2, steps: 2_000, distinctSteps: 2_000 });
  });

  it("requeues at once when the worker was already stopping", async () => {
    const id = await insertRun({ steps: 10 });
    const controller = new AbortController();
    controller.abort();
    expect(await executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, signal: controller.signal })).toBe("requeued");
    expect((await runRow(id)).status).toBe("queued");
  });
});
