// Live sessions against a real PostgreSQL: a replay session reproduces the backtest of the same
// window exactly; a session abandoned mid-way (a simulated SIGKILL) resumes from its checkpoint
// with no lost or duplicated steps or events; kill switch, pause/stop and parameter changes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBacktestWithDetails } from "../engine/run-backtest";
import { loadDatasetByName } from "../market-data/store";
import { ensureSyntheticDataset } from "../startup/seed-synthetic";
import { computeDrift } from "./compute-drift";
import { changeSessionParams, requestSessionControl } from "./control-session";
import { createSession } from "./create-session";
import { runSession, type RunSessionOptions } from "./run-session";
import { findSessionRow } from "./session-row";
import { windowBoundToMs } from "./session-schemas";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
// the outage test terminates idle connections; an idle client's error must not crash the test process
pool.on("error", () => undefined);
const DATASET = "live-test";
const WINDOW = { start: "2024-01-02", end: "2024-01-04" };
const noSleep = async (): Promise<void> => undefined;
const opts = (extra: Partial<RunSessionOptions> = {}): RunSessionOptions => ({ pool, workerId: "test:1", sleep: noSleep, ...extra });

let expected: ReturnType<typeof runBacktestWithDetails>;

beforeAll(async () => {
  await ensureSyntheticDataset(pool, { name: DATASET, end: "2024-01-08T00:00:00Z" });
  const data = await loadDatasetByName(pool, DATASET);
  expected = runBacktestWithDetails({
    mode: "btc_basis",
    params: {},
    data,
    start: windowBoundToMs(WINDOW.start, "start"),
    end: windowBoundToMs(WINDOW.end, "end"),
    capital: 100_000,
  });
});
afterAll(() => pool.end());

const newSession = () => createSession(pool, { mode: "btc_basis", capital: 100_000, datasetName: DATASET, ...WINDOW, speed: 1000 });

async function stepRows(id: string): Promise<{ tick: number; equity: number }[]> {
  const { rows } = await pool.query<{ tick: number; equity: number }>(`SELECT tick, equity FROM live_session_steps WHERE "sessionId" = $1 ORDER BY tick`, [id]);
  return rows;
}
async function eventTypes(id: string): Promise<string[]> {
  const { rows } = await pool.query<{ type: string }>(`SELECT type FROM live_session_events WHERE "sessionId" = $1 ORDER BY id`, [id]);
  return rows.map((r) => r.type);
}
async function engineEventCount(id: string): Promise<number> {
  const { rows } = await pool.query<{ n: string; distinct: string }>(
    `SELECT count(*) AS n, count(DISTINCT "engineSeq") AS distinct FROM live_session_events WHERE "sessionId" = $1 AND "engineSeq" IS NOT NULL`,
    [id],
  );
  expect(rows[0]?.n).toBe(rows[0]?.distinct);
  return Number(rows[0]?.n);
}

describe("live replay session", () => {
  it("runs to the end and matches the backtest of the same window, step for step", async () => {
    const { id } = await newSession();
    expect(await runSession(id, opts())).toBe("completed");
    const row = await findSessionRow(pool, id);
    expect(row.status).toBe("stopped");
    expect(row.totalTicks).toBe(expected.summary.steps);
    expect(row.checkpointTick).toBe(expected.summary.steps - 1);
    expect(row.equity).toBe(expected.summary.finalEquity);
    const steps = await stepRows(id);
    expect(steps.map((s) => s.tick)).toEqual(Array.from({ length: expected.summary.steps }, (_, i) => i));
    expect(await engineEventCount(id)).toBe(expected.summary.events);
    const types = await eventTypes(id);
    expect(types[0]).toBe("SessionCreated");
    expect(types).toContain("SessionStarted");
    expect(types[types.length - 1]).toBe("SessionCompleted");
    expect(row.health?.components.map((c) => c.component)).toContain("reconciliation");
  });

  it("resumes after being abandoned mid-way: replays to the checkpoint, reconciles, loses and duplicates nothing", async () => {
    const { id } = await newSession();
    // the first worker dies after committing tick 29 (nothing after the commit happens)
    expect(await runSession(id, opts({ afterStep: (t) => t < 29 }))).toBe("released");
    const mid = await findSessionRow(pool, id);
    expect(mid.checkpointTick).toBe(29);
    expect(mid.status).toBe("running");
    // a live worker does not steal a session with a fresh heartbeat
    expect(await runSession(id, opts({ workerId: "test:2" }))).toBe("skipped");
    // once the heartbeat is stale, the next worker resumes it
    expect(await runSession(id, opts({ workerId: "test:2", staleMs: 0 }))).toBe("completed");
    const row = await findSessionRow(pool, id);
    expect(row.attempt).toBe(2);
    expect(row.equity).toBe(expected.summary.finalEquity);
    expect((await stepRows(id)).map((s) => s.tick)).toEqual(Array.from({ length: expected.summary.steps }, (_, i) => i));
    expect(await engineEventCount(id)).toBe(expected.summary.events);
    const { rows } = await pool.query(`SELECT type, payload FROM live_session_events WHERE "sessionId" = $1 AND type IN ('SessionResumed', 'PositionsReconciled') ORDER BY id`, [id]);
    expect(rows.map((r) => r.type)).toEqual(["SessionResumed", "PositionsReconciled"]);
    expect(rows[0].payload).toMatchObject({ fromTick: 29, attempt: 2, replayedTicks: 30 });
    expect(rows[1].payload).toMatchObject({ ok: true, mismatches: 0, equityDiff: 0 });
  });

  it("kill switch exits every position at the next step and stops", async () => {
    const { id } = await newSession();
    expect(await runSession(id, opts({ afterStep: (t) => t < 10 }))).toBe("released");
    await requestSessionControl(pool, id, "kill");
    expect(await runSession(id, opts({ staleMs: 0 }))).toBe("killed");
    const row = await findSessionRow(pool, id);
    expect(row.status).toBe("stopped");
    expect(row.killedAt).not.toBeNull();
    expect(row.checkpointTick).toBe(11);
    for (const p of row.positions ?? []) {
      if (p.key.includes(":Perp:") || p.key === "binance:BaseToken:BTC") expect(Math.abs(p.amount)).toBeLessThan(1e-12);
    }
    const types = await eventTypes(id);
    expect(types).toContain("KillSwitchActivated");
    expect(types).toContain("DecisionTaken");
    await expect(requestSessionControl(pool, id, "pause")).rejects.toThrow(/stopped/);
  });

  it("pause and stop are picked up between steps", async () => {
    const { id } = await newSession();
    expect(await runSession(id, opts({ afterStep: (t) => t < 5 }))).toBe("released");
    await requestSessionControl(pool, id, "pause");
    await expect(requestSessionControl(pool, id, "resume")).resolves.toBeUndefined();
    await requestSessionControl(pool, id, "pause");
    // paused: the worker keeps beating; the stop arrives while it waits
    let polls = 0;
    const outcome = await runSession(id, {
      ...opts({ staleMs: 0 }),
      sleep: async () => {
        polls++;
        if (polls === 2) await requestSessionControl(pool, id, "stop");
      },
    });
    expect(outcome).toBe("stopped");
    const row = await findSessionRow(pool, id);
    expect(row.status).toBe("stopped");
    expect(row.checkpointTick).toBe(5);
    const types = await eventTypes(id);
    expect(types).toEqual(expect.arrayContaining(["SessionPaused", "SessionStopped"]));
  });

  it("applies a parameter change at the next step, logs it, and replays it identically after a restart", async () => {
    const a = await newSession();
    const b = await newSession();
    for (const s of [a, b]) {
      expect(await runSession(s.id, opts({ afterStep: (t) => t < 10 }))).toBe("released");
      await changeSessionParams(pool, s.id, { positionDeviationThreshold: 0.005, maxDeltaDrift: 0.01 });
    }
    await expect(changeSessionParams(pool, a.id, { hedgeAllocation: { binance: 1, bybit: 0, okx: 0 } })).rejects.toThrow(/cannot change while a session runs/);
    await expect(changeSessionParams(pool, a.id, { maxDeltaDrift: 0.9 })).rejects.toThrow();
    // a: interrupted again after the change; b: runs through
    expect(await runSession(a.id, opts({ staleMs: 0, afterStep: (t) => t < 20 }))).toBe("released");
    expect(await runSession(a.id, opts({ staleMs: 0 }))).toBe("completed");
    expect(await runSession(b.id, opts({ staleMs: 0 }))).toBe("completed");
    const ra = await findSessionRow(pool, a.id);
    const rb = await findSessionRow(pool, b.id);
    expect(ra.params).toMatchObject({ positionDeviationThreshold: 0.005, maxDeltaDrift: 0.01 });
    expect(ra.initialParams).toMatchObject({ positionDeviationThreshold: 0.02 });
    expect(ra.pendingParams).toBeNull();
    expect(ra.equity).toBe(rb.equity);
    expect(await stepRows(a.id)).toEqual(await stepRows(b.id));
    const { rows } = await pool.query(`SELECT tick FROM live_session_events WHERE "sessionId" = $1 AND type = 'ParamsChanged'`, [a.id]);
    expect(rows).toEqual([{ tick: 11 }]);
  });

  it("refuses a session whose window the data set does not cover", async () => {
    await expect(createSession(pool, { mode: "btc_basis", capital: 100_000, datasetName: DATASET, start: "2023-01-01", end: "2023-01-03" })).rejects.toThrow(/DATA-003/);
    await expect(createSession(pool, { mode: "btc_basis", capital: 100_000, datasetName: DATASET, params: { bogus: 1 }, ...WINDOW })).rejects.toThrow(/CONFIG-001/);
  });
});

describe("faults and drift", () => {
  it("a database outage mid-session pauses the session, which then carries on without losing a step or an event", async () => {
    const { id } = await newSession();
    const dbName = new URL(process.env.DATABASE_URL ?? "").pathname.slice(1);
    const adminUrl = new URL(process.env.DATABASE_URL ?? "");
    adminUrl.pathname = "/postgres";
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    let lastTick = -1;
    let phase: "before" | "down" | "after" = "before";
    let retries = 0;
    const logs: string[] = [];
    try {
      const outcome = await runSession(id, {
        ...opts(),
        log: (l) => logs.push(l),
        afterStep: (t) => {
          lastTick = t;
          return true;
        },
        sleep: async (ms) => {
          if (phase === "before" && lastTick >= 10) {
            phase = "down";
            await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
            await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`);
          } else if (phase === "down" && ms >= 250 && ++retries >= 3) {
            phase = "after";
            await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
          }
        },
      });
      expect(outcome).toBe("completed");
    } finally {
      await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
    }
    expect(phase).toBe("after");
    expect(logs.some((l) => /database write failed/.test(l))).toBe(true);
    const row = await findSessionRow(pool, id);
    expect(row.equity).toBe(expected.summary.finalEquity);
    expect((await stepRows(id)).map((s) => s.tick)).toEqual(Array.from({ length: expected.summary.steps }, (_, i) => i));
    expect(await engineEventCount(id)).toBe(expected.summary.events);
  });

  it("drift is zero for a session that followed the model, and shows the kill switch's exit otherwise", async () => {
    const { id } = await newSession();
    expect(await runSession(id, opts({ afterStep: (t) => t < 20 }))).toBe("released");
    const same = await computeDrift(pool, id);
    expect(same.ticks).toBe(21);
    expect(same.maxAbsEquityDiff).toBe(0);
    expect(same.components.every((c) => c.diff === 0)).toBe(true);
    await requestSessionControl(pool, id, "kill");
    expect(await runSession(id, opts({ staleMs: 0 }))).toBe("killed");
    const killed = await computeDrift(pool, id);
    expect(killed.ticks).toBe(22);
    // the exit paid fees the model (still in the market) did not
    const fees = killed.components.find((c) => c.term === "fees");
    expect(fees?.diff).toBeLessThan(0);
    expect(killed.maxAbsEquityDiff).toBeGreaterThan(0);
  });
});

describe("reconciliation mismatch on resume", () => {
  it("halts new orders (paused) with a critical alert sent to the webhook until the operator resumes", async () => {
    const received: unknown[] = [];
    const hook = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
    const webhookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
    try {
      const { id } = await newSession();
      expect(await runSession(id, opts({ afterStep: (t) => t < 10 }))).toBe("released");
      // the checkpoint disagrees with what the venues report after the rebuild
      await pool.query(`UPDATE live_sessions SET equity = equity + 5 WHERE id = $1`, [id]);
      let sawPaused = false;
      const outcome = await runSession(id, {
        ...opts({ staleMs: 0, webhookUrl }),
        sleep: async () => {
          const row = await findSessionRow(pool, id);
          if (row.status === "paused" && !sawPaused) {
            sawPaused = true;
            expect(row.checkpointTick).toBe(10);
            await requestSessionControl(pool, id, "resume");
          }
        },
      });
      expect(outcome).toBe("completed");
      expect(sawPaused).toBe(true);
      const types = await eventTypes(id);
      expect(types).toEqual(expect.arrayContaining(["SessionResumed", "ReconciliationFailed", "SessionUnpaused"]));
      const { rows } = await pool.query(`SELECT level, kind FROM live_alerts WHERE "sessionId" = $1`, [id]);
      expect(rows).toContainEqual({ level: "critical", kind: "ReconciliationFailed" });
      for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(received).toContainEqual(expect.objectContaining({ sessionId: id, level: "critical", kind: "ReconciliationFailed" }));
      const row = await findSessionRow(pool, id);
      expect(types).toContain("ReconciliationAcknowledged");
      expect(row.reconciliation).toMatchObject({ kind: "step", ok: true });
      expect(row.equity).toBe(expected.summary.finalEquity);
    } finally {
      hook.close();
    }
  });
});

describe("live risk halt", () => {
  it("halts (paused, critical alert) when the daily loss limit is breached, and re-arms only after the breach clears", async () => {
    const { id } = await newSession();
    let resumed = false;
    const outcome = await runSession(id, {
      ...opts({ riskLimits: { maxDrawdown: 0.15, dailyLoss: 50 } }),
      sleep: async () => {
        const row = await findSessionRow(pool, id);
        if (row.status === "paused" && !resumed) {
          resumed = true;
          await requestSessionControl(pool, id, "stop");
        }
      },
    });
    expect(outcome).toBe("stopped");
    const row = await findSessionRow(pool, id);
    // entry costs (fees, gas, spread) exceed 50 USDT on 100k: the first step breaches
    expect(row.checkpointTick).toBe(0);
    expect((row.dayStartEquity ?? 0) - (row.equity ?? 0)).toBeGreaterThan(50);
    const { rows } = await pool.query(`SELECT type, payload FROM live_session_events WHERE "sessionId" = $1 AND type = 'EmergencyStopTriggered'`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload.reason).toMatch(/daily loss/);
    const alerts = await pool.query(`SELECT level, kind FROM live_alerts WHERE "sessionId" = $1`, [id]);
    expect(alerts.rows).toContainEqual({ level: "critical", kind: "EmergencyStopTriggered" });
  });
});
