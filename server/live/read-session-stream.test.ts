// The session stream's reads: events in id order (ids are bigints sent as text: 10 sorts after 9),
// increments strictly after the cursor, cumulative attribution equal to the sum of the steps.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSyntheticDataset } from "../startup/seed-synthetic";
import { requestSessionControl } from "./control-session";
import { createSession } from "./create-session";
import { readSessionDelta, readSessionSnapshot } from "./read-session-stream";
import { runSession } from "./run-session";
import { findSessionRow } from "./session-row";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const DATASET = "live-stream-test";
const base = { pool, workerId: "test:1", sleep: async () => undefined };

beforeAll(() => ensureSyntheticDataset(pool, { name: DATASET, end: "2024-01-06T00:00:00Z" }));
afterAll(() => pool.end());

describe("session stream reads", () => {
  it("snapshot then delta: ordered, complete, no duplicates, cumulative attribution", async () => {
    const { id } = await createSession(pool, { mode: "btc_basis", capital: 100_000, datasetName: DATASET, start: "2024-01-02", end: "2024-01-03", speed: 1000 });
    expect(await runSession(id, { ...base, afterStep: (t) => t < 5 })).toBe("released");
    const { update, cursor } = await readSessionSnapshot(pool, id);
    expect(update.kind).toBe("snapshot");
    expect(update.points.map((p) => p.tick)).toEqual([0, 1, 2, 3, 4, 5]);
    const ids = update.events.map((e) => Number(e.id));
    expect(ids.length).toBeGreaterThan(12);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(cursor.lastEventId).toBe(String(Math.max(...ids)));
    expect(await readSessionDelta(pool, id, cursor, update.session.lastHeartbeat)).toBeNull();

    await requestSessionControl(pool, id, "stop");
    expect(await runSession(id, { ...base, staleMs: 0 })).toBe("stopped");
    const delta = await readSessionDelta(pool, id, cursor, update.session.lastHeartbeat);
    expect(delta?.kind).toBe("delta");
    const more = delta?.events.map((e) => Number(e.id)) ?? [];
    expect(more.length).toBeGreaterThan(0);
    expect(Math.min(...more)).toBeGreaterThan(Math.max(...ids));
    expect(more).toEqual([...more].sort((a, b) => a - b));
    expect(delta?.events.map((e) => e.type)).toEqual(expect.arrayContaining(["ControlRequested", "SessionResumed", "SessionStopped"]));
    expect(delta?.session.status).toBe("stopped");

    // cumulative attribution of the last point = Σ of the stored increments
    const { rows } = await pool.query<{ attribution: Record<string, number> }>(`SELECT attribution FROM live_session_steps WHERE "sessionId" = $1`, [id]);
    const fees = rows.reduce((s, r) => s + (r.attribution.fees ?? 0), 0);
    expect(update.points[update.points.length - 1]?.attribution.fees).toBeCloseTo(fees, 9);
    // the stopped session shows its components stopped
    const row = await findSessionRow(pool, id);
    expect(row.health?.components.every((c) => c.state === "stopped")).toBe(true);
  });
});
