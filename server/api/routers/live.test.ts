// The live router through the tRPC caller: an operator starts a session (row + queued job), the
// SSE procedure yields a snapshot first, and a public-read deployment serves reads without a login
// while still refusing controls.
import { isTrackedEnvelope } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePool, getPool } from "../../db/pool";
import { getBoss, stopBoss } from "../../jobs/queue";
import { liveSessionJob } from "../../jobs/live-jobs";
import { createSessionValue } from "../../auth/session-cookie";
import { fingerprintOf } from "../../auth/request-auth";
import { ensureSyntheticDataset } from "../../startup/seed-synthetic";

const env = { ADMIN_TOKEN: "router-test-token-0123456789abcdef", SESSION_SECRET: "router-test-secret-0123456789abcdef0123456789", LIVE_PUBLIC_READ: "true" };

beforeAll(async () => {
  Object.assign(process.env, env);
  await ensureSyntheticDataset(getPool(), { name: "live-router-test", end: "2024-01-05T00:00:00Z" });
});
afterAll(async () => {
  await stopBoss();
  await closePool();
});

async function caller(headers: Record<string, string>) {
  const { createCaller } = await import("../root");
  return createCaller({ headers: new Headers({ host: "127.0.0.1:3000", ...headers }) });
}

describe("live router", () => {
  it("starts a session for the operator, streams a snapshot, and serves public reads but not public controls", async () => {
    const cookie = `bl_session=${createSessionValue(env.SESSION_SECRET, fingerprintOf(env), Date.now())}`;
    const op = await caller({ cookie, origin: "http://127.0.0.1:3000" });
    const { id } = await op.live.start({ mode: "pure_lending_usdt", capital: 10_000, datasetName: "live-router-test", start: "2024-01-02", end: "2024-01-03", speed: 50 });
    const boss = await getBoss();
    const [job] = await boss.fetch<{ sessionId: string }>(liveSessionJob.name);
    expect(job?.data.sessionId).toBe(id);

    const anon = await caller({});
    expect(await anon.live.viewer()).toMatchObject({ loggedIn: false, publicRead: true });
    const list = await anon.live.list();
    expect(list.find((s) => s.id === id)).toMatchObject({ status: "starting", mode: "pure_lending_usdt", checkpointTick: -1, totalTicks: 48 });
    const stream = await anon.live.watch({ sessionId: id });
    const first = await stream[Symbol.asyncIterator]().next();
    // a server-side caller yields the raw tracked envelope [id, data, symbol]
    expect(isTrackedEnvelope(first.value)).toBe(true);
    const update = (first.value as unknown as [string, { kind: string; session: { id: string }; events: { type: string }[] }])[1];
    expect(update.kind).toBe("snapshot");
    expect(update.session.id).toBe(id);
    expect(update.events.map((e) => e.type)).toEqual(["SessionCreated"]);
    await stream[Symbol.asyncIterator]().return?.(undefined);

    await expect(anon.live.control({ sessionId: id, control: "pause" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(op.live.start({ mode: "btc_basis", capital: 10, datasetName: "live-router-test", start: "2024-01-02", end: "2024-01-03" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(op.live.start({ mode: "btc_basis", capital: 10_000, datasetName: "no-such-set", start: "2024-01-02", end: "2024-01-03" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(op.live.changeParams({ sessionId: id, params: { costs: false } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await op.live.control({ sessionId: id, control: "stop" });
    expect((await anon.live.get({ sessionId: id })).control).toBe("stop");
  });
});
