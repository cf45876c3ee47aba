// A session with the exchange venue against the local fake Binance futures server: every Binance
// perp fill is placed once with a client order id, the exchange position matches the ledger,
// an order re-sent after a crash is recognised (no double fill), and a rejection raises an event
// and an alert and halts the session on the reconciliation mismatch.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSyntheticDataset } from "../startup/seed-synthetic";
import { FakeBinanceFutures } from "../venues/fake-exchange/fake-binance-futures";
import { requestSessionControl } from "./control-session";
import { createSession } from "./create-session";
import { saveExchangeCredential } from "./exchange-credentials";
import { runSession, type RunSessionOptions } from "./run-session";
import { findSessionRow } from "./session-row";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const DATASET = "live-exchange-test";
const SECRETS_KEY = "ab".repeat(32);
const API = { apiKey: "fake-exchange-key-0001", secret: "fake-exchange-secret-0001" };
let fake: FakeBinanceFutures;
let credentialId: string;
const noSleep = async (): Promise<void> => undefined;

beforeAll(async () => {
  await ensureSyntheticDataset(pool, { name: DATASET, end: "2024-01-06T00:00:00Z" });
  fake = new FakeBinanceFutures({ ...API, usdt: 1_000_000 });
  await fake.start();
  credentialId = (await saveExchangeCredential(pool, SECRETS_KEY, { exchange: "binance", label: "fake", ...API })).id;
});
afterAll(async () => {
  await fake.stop();
  await pool.end();
});

const opts = (extra: Partial<RunSessionOptions> = {}): RunSessionOptions => ({
  pool,
  workerId: "test:1",
  sleep: noSleep,
  exchange: { baseUrl: fake.url, secretsKey: SECRETS_KEY, timeoutMs: 1_000, feedIntervalMs: 0, feedBackoffMs: 0 },
  ...extra,
});
const newSession = () =>
  createSession(pool, { mode: "btc_basis", capital: 100_000, datasetName: DATASET, start: "2024-01-02", end: "2024-01-03", speed: 1000, venue: "exchange", exchangeCredentialId: credentialId });

async function eventsOf(id: string, type: string): Promise<Record<string, unknown>[]> {
  const { rows } = await pool.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM live_session_events WHERE "sessionId" = $1 AND type = $2 ORDER BY id`, [id, type]);
  return rows.map((r) => r.payload);
}
const exchangePosition = () => fake.positions.get("BTCUSDT")?.size ?? 0;

describe("exchange venue session (fake exchange)", () => {
  it("refuses the exchange venue without a key or for a lending mode", async () => {
    await expect(createSession(pool, { mode: "btc_basis", capital: 100_000, datasetName: DATASET, start: "2024-01-02", end: "2024-01-03", venue: "exchange" })).rejects.toThrow(/API key/);
    await expect(
      createSession(pool, { mode: "pure_lending_usdt", capital: 100_000, datasetName: DATASET, start: "2024-01-02", end: "2024-01-03", venue: "exchange", exchangeCredentialId: credentialId }),
    ).rejects.toThrow(/basis mode/);
  });

  it("places each Binance perp fill once, matches the exchange position, and survives a crash between send and record", async () => {
    fake.positions.clear();
    const { id } = await newSession();
    // dies after tick 3, whose orders were sent; pretend the worker died before recording them
    expect(await runSession(id, opts({ afterStep: (t) => t < 3 }))).toBe("released");
    const { rows: last } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM live_session_events WHERE "sessionId" = $1 AND type = 'OrderMirrored'`, [id]);
    expect(Number(last[0]?.n)).toBeGreaterThan(0);
    await pool.query(`DELETE FROM live_session_events WHERE "sessionId" = $1 AND type = 'OrderMirrored'`, [id]);
    const ordersBefore = fake.orders.size;

    expect(await runSession(id, opts({ staleMs: 0 }))).toBe("completed");
    const fills = (await eventsOf(id, "OrderFilled")).filter((p) => p.operation === "perp_trade");
    const mirrored = await eventsOf(id, "OrderMirrored");
    const binanceFills = (await pool.query(`SELECT payload FROM live_session_events WHERE "sessionId" = $1 AND type = 'OrderFilled' AND venue = 'binance' AND payload->>'operation' = 'perp_trade'`, [id])).rows;
    expect(fills.length).toBeGreaterThan(binanceFills.length); // bybit and okx legs stay paper-only
    expect(mirrored).toHaveLength(binanceFills.length);
    // the re-sent ones were recognised by client order id, not placed again
    expect(mirrored.filter((m) => m.recovered === true).length).toBe(ordersBefore);
    const clientIds = [...fake.orders.values()].map((o) => o.clientOrderId);
    expect(new Set(clientIds).size).toBe(clientIds.length);
    expect(fake.orders.size).toBe(binanceFills.length);
    const row = await findSessionRow(pool, id);
    const ledger = row.positions?.find((p) => p.key === "binance:Perp:BTCUSDT")?.amount ?? 0;
    expect(Math.abs(exchangePosition() - ledger)).toBeLessThanOrEqual(0.002);
    expect(row.reconciliation).toMatchObject({ kind: "exchange", ok: true });
  });

  it("a rejected order raises an event and an alert, and the mismatch halts the session until the operator acts", async () => {
    fake.positions.clear();
    fake.orders.clear();
    const { id } = await newSession();
    fake.inject({ kind: "reject", path: "/fapi/v1/order", method: "POST" });
    let stopped = false;
    const outcome = await runSession(id, {
      ...opts(),
      sleep: async () => {
        const row = await findSessionRow(pool, id);
        if (row.status === "paused" && !stopped) {
          stopped = true;
          await requestSessionControl(pool, id, "stop");
        }
      },
    });
    expect(outcome).toBe("stopped");
    const rejected = await eventsOf(id, "MirrorRejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ code: "EXEC-007" });
    expect(await eventsOf(id, "ReconciliationFailed")).toHaveLength(1);
    const { rows } = await pool.query(`SELECT level, kind FROM live_alerts WHERE "sessionId" = $1 ORDER BY id`, [id]);
    expect(rows).toEqual(expect.arrayContaining([{ level: "warning", kind: "OrderRejected" }, { level: "critical", kind: "ReconciliationFailed" }]));
    const row = await findSessionRow(pool, id);
    expect(row.checkpointTick).toBe(0);
    expect(row.reconciliation).toMatchObject({ kind: "exchange", ok: false });
  });
});

describe("exchange feed inside a session", () => {
  it("a feed disconnect degrades the feed, the session carries on, the feed reconnects and the gap is logged", async () => {
    fake.positions.clear();
    fake.orders.clear();
    const { id } = await newSession();
    // the first poll succeeds; the next two are dropped
    let polls = 0;
    expect(await runSession(id, opts({ afterStep: () => ++polls < 2 }))).toBe("released");
    fake.inject({ kind: "drop", path: "/fapi/v1/premiumIndex", times: 2 });
    expect(await runSession(id, opts({ staleMs: 0 }))).toBe("completed");
    const { rows } = await pool.query<{ type: string; component: string }>(
      `SELECT type, component FROM live_session_events WHERE "sessionId" = $1 AND component = 'exchange-feed' ORDER BY id`,
      [id],
    );
    // first run: connected; after the restart the first two polls are dropped, then it reconnects
    expect(rows.map((r) => r.type)).toEqual(["FeedConnected", "FeedDisconnected", "FeedReconnected", "DataGapLogged"]);
    const gap = await eventsOf(id, "DataGapLogged");
    expect(gap[0]).toMatchObject({ missedPolls: 2 });
    expect(gap[0]?.gapMs).toBeGreaterThanOrEqual(0);
    const row = await findSessionRow(pool, id);
    expect(row.status).toBe("stopped");
    const feedHealth = row.health?.components.find((c) => c.component === "exchange-feed");
    expect(feedHealth).toMatchObject({ state: "running", errorCount: 2 });
    expect(row.health?.feeds.map((f) => f.feed)).toEqual(expect.arrayContaining([expect.stringMatching(/^exchange:binance/)]));
  });
});
