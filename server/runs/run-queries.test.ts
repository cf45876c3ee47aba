// Integration tests of the read side through the tRPC caller: list/get DTOs, chart series thinned to
// ≤ 2,000 points with known cumulative values, paged and filtered events, per-field launch errors.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { isTrackedEnvelope } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../api/root";
import { closePool, getPool } from "../db/pool";
import { AppError } from "../errors";
import { stopBoss } from "../jobs/queue";
import { saveDataset } from "../market-data/store";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { executeRun } from "./execute-run";
import { exportRun } from "./export-run";
import { workerIdOf } from "./recover-stale-runs";

const FAKE_ENGINE = new URL("./fixtures/fake-engine-thread.ts", import.meta.url);
const me = workerIdOf(os.hostname(), process.pid);
const caller = createCaller({ headers: new Headers() });
let datasetName = "";
let datasetId = "";

beforeAll(async () => {
  datasetName = `rq-${randomUUID().slice(0, 8)}`;
  datasetId = (await saveDataset(getPool(), { name: datasetName, source: "synthetic", data: generateSyntheticData({ seed: 3, end: "2024-01-04T00:00:00Z" }) })).id;
});
afterAll(async () => {
  await stopBoss();
  await closePool();
});

async function fakeRun(steps: number): Promise<string> {
  const { rows } = await getPool().query<{ id: string }>(
    `INSERT INTO runs (id, name, mode, "datasetId", "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, "shareClass", config, "engineVersion")
     VALUES (gen_random_uuid(), 'fake', 'btc_basis', $1, $2, 1, 'synthetic', '2024-01-01T00:00Z', '2024-01-03T00:00Z', 1000, 'USDT', $3, 'test') RETURNING id`,
    [datasetId, datasetName, JSON.stringify({ steps, marginWarningRatio: 0.2 })],
  );
  const id = rows[0]?.id ?? "";
  expect(await executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 500 })).toBe("succeeded");
  return id;
}

describe("backtest router", () => {
  it("thins every chart to ≤ 2,000 points, keeping the ends and the cumulative values", async () => {
    const id = await fakeRun(5_000);
    const s = await caller.backtest.series({ runId: id });
    expect(s.steps).toBe(5_000);
    expect(s.equity.t.length).toBeLessThanOrEqual(2_000);
    expect(s.equity.t.length).toBeGreaterThan(100);
    expect(s.equity.series.equity?.[0]).toBe(1000);
    expect(s.equity.series.equity?.at(-1)).toBe(1000 + 4_999);
    // fake residual increments are 0 except the summary; equity never falls → drawdown 0
    expect(Math.min(...(s.equity.series.drawdown ?? []).map(Number))).toBe(0);
    // health factor alternates null / 1.5 in the fake engine
    expect(new Set(s.risk.series.healthFactor)).toEqual(new Set([null, 1.5]));
    expect(s.thresholds.marginWarning).toBe(0.2);
    // the fake engine attributes nothing: every term and the total stay 0
    expect(new Set(s.attribution.series.total)).toEqual(new Set([0]));
    // funding events carry no cash in the fake engine → one venue, flat at 0
    expect(Object.keys(s.funding.series)).toEqual(["binance"]);
  });

  it("pages and filters the event log", async () => {
    const id = await fakeRun(95);
    const p0 = await caller.backtest.events({ runId: id, page: 0, pageSize: 20 });
    expect(p0.total).toBe(95);
    expect(p0.events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(p0.types).toEqual(["DecisionTaken", "FundingSettled"]);
    const f = await caller.backtest.events({ runId: id, type: "FundingSettled", page: 1, pageSize: 5 });
    expect(f.total).toBe(10);
    expect(f.events.map((e) => e.seq)).toEqual([51, 61, 71, 81, 91]);
    expect(f.events[0]?.venue).toBe("binance");
  });

  it("lists and gets runs as DTOs, filtered by status and sorted by a metric", async () => {
    const id = await fakeRun(30);
    const run = await caller.backtest.get({ runId: id });
    expect(run).toMatchObject({ id, status: "succeeded", progress: 1, apy: 0.05, sharpe: 2, datasetSource: "synthetic" });
    expect(run.summary?.steps).toBe(30);
    const list = await caller.backtest.list({ status: "succeeded", sort: "apy", dir: "desc" });
    expect(list.some((r) => r.id === id)).toBe(true);
    expect(list.every((r) => r.status === "succeeded")).toBe(true);
    // every sort key is accepted (nullable metrics and plain columns)
    for (const sort of ["createdAt", "apy", "sharpe", "maxDrawdown", "totalReturn", "mode", "status"] as const) {
      for (const dir of ["asc", "desc"] as const) expect((await caller.backtest.list({ sort, dir })).length).toBeGreaterThan(0);
    }
  });

  it("answers a bad launch with per-field errors", async () => {
    const err = await caller.backtest
      .create({ mode: "btc_basis", datasetName, start: "2024-01-01", end: "2024-01-02", capital: 10_000, params: { hedgeAllocation: { binance: 0.9, bybit: 0.3, okx: 0.3 } } })
      .catch((e: unknown) => e);
    const cause = (err as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(AppError);
    expect((cause as AppError).fieldErrors?.["params.hedgeAllocation"]?.[0]).toMatch(/sum to 1/);
  });
});

const text = async (body: string | ReadableStream<Uint8Array>) => (typeof body === "string" ? body : await new Response(body).text());

describe("exports", () => {
  it("gives config and summary JSON and every step and event as CSV", async () => {
    const id = await fakeRun(2_500);
    const config = JSON.parse(await text((await exportRun(id, "config")).body));
    expect(config).toEqual({ mode: "btc_basis", start: "2024-01-01", end: "2024-01-03", capital: 1000, dataset: datasetName, params: { steps: 2_500, marginWarningRatio: 0.2 } });
    const summary = JSON.parse(await text((await exportRun(id, "summary")).body));
    expect(summary).toMatchObject({ id, steps: 2_500, finalEquity: 1000 + 2_499 });
    const steps = (await text((await exportRun(id, "steps")).body)).trim().split("\n");
    expect(steps).toHaveLength(2_501);
    expect(steps[0]?.split(",").slice(0, 4)).toEqual(["step", "time", "time_ms", "equity"]);
    expect(steps[1]?.split(",").slice(0, 4)).toEqual(["0", "2024-01-01T00:00:00Z", "1704067200000", "1000"]);
    const events = await exportRun(id, "events");
    expect(events.filename).toMatch(/events\.csv$/);
    const lines = (await text(events.body)).trim().split("\n");
    expect(lines).toHaveLength(2_501);
    expect(lines[1]).toContain(String.raw`"{""i"": 0, ""note"": ""tab\there""}"`);
  });

  it("refuses steps of a run that has not succeeded", async () => {
    const { rows } = await getPool().query<{ id: string }>(
      `INSERT INTO runs (id, name, mode, "datasetId", "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, "shareClass", config, "engineVersion", status)
       VALUES (gen_random_uuid(), 'r', 'btc_basis', $1, $2, 1, 'synthetic', '2024-01-01T00:00Z', '2024-01-03T00:00Z', 1000, 'USDT', '{}', 'test', 'running') RETURNING id`,
      [datasetId, datasetName],
    );
    await expect(exportRun(rows[0]?.id ?? "", "steps")).rejects.toThrow(/running/);
  });
});

describe("progress subscription", () => {
  it("streams status changes as tracked events until the run ends", async () => {
    const { rows } = await getPool().query<{ id: string }>(
      `INSERT INTO runs (id, name, mode, "datasetId", "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, "shareClass", config, "engineVersion")
       VALUES (gen_random_uuid(), 'sse', 'btc_basis', $1, $2, 1, 'synthetic', '2024-01-01T00:00Z', '2024-01-03T00:00Z', 1000, 'USDT', $3, 'test') RETURNING id`,
      [datasetId, datasetName, JSON.stringify({ steps: 30_000, sleepMsPerStep: 0.05 })],
    );
    const id = rows[0]?.id ?? "";
    const stream = await caller.backtest.progress({ runId: id });
    const running = executeRun(id, { pool: getPool(), workerId: me, engineThread: FAKE_ENGINE, batchRows: 1_000 });
    const seen: { status: string; stepsDone: number }[] = [];
    for await (const ev of stream) {
      // a server-side caller yields the raw tracked envelope [id, data, symbol] (stack-notes §7)
      const data = (isTrackedEnvelope(ev) ? ev[1] : ev) as { status: string; stepsDone: number };
      seen.push(data);
    }
    expect(await running).toBe("succeeded");
    expect(seen.at(-1)).toMatchObject({ status: "succeeded", stepsDone: 30_000 });
    // intermediate progress arrived before completion, in order
    const mid = seen.filter((s) => s.status === "running" && s.stepsDone > 0 && s.stepsDone < 30_000);
    expect(mid.length).toBeGreaterThan(0);
    const done = seen.map((s) => s.stepsDone);
    expect([...done].sort((a, b) => a - b)).toEqual(done);
  });
});
