// Exchange connectivity against the local fake Binance futures server (ccxt pointed at it): fills,
// and each fault — 5xx, dropped connection, timeout, fill-then-drop, rejection, bad key, retry
// limit — ends in exactly one fill or a clean rejection, never a double fill.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CcxtExchangeVenue, clientOrderIdFor } from "./ccxt-exchange-venue";
import { FakeBinanceFutures } from "./fake-exchange/fake-binance-futures";

const KEY = "fake-api-key-0123456789";
const SECRET = "fake-api-secret-0123456789";
const fake = new FakeBinanceFutures({ apiKey: KEY, secret: SECRET });
const logs: string[] = [];
let venue: CcxtExchangeVenue;
let n = 0;
const order = (side: "buy" | "sell" = "sell", amount = 0.5) => ({ clientOrderId: clientOrderIdFor("6f1c2a9e-0000-4000-8000-000000000001", ++n), symbol: "BTC/USDT:USDT", side, amount });
const postsOf = (cid: string) => fake.requests.filter((r) => r.method === "POST" && r.clientOrderId === cid);

beforeAll(async () => {
  const url = await fake.start();
  venue = new CcxtExchangeVenue({ apiKey: KEY, secret: SECRET, baseUrl: url, timeoutMs: 400, sleep: async () => undefined, log: (l) => logs.push(l) });
});
afterAll(() => fake.stop());
beforeEach(() => fake.clearFaults());

describe("ccxt exchange venue against the fake exchange", () => {
  it("fills a market order at the mark, charges the fee and reports the position, mark and funding", async () => {
    const before = fake.usdt;
    const r = await venue.submitMarketOrder(order("sell", 0.5));
    expect(r).toMatchObject({ status: "filled", filled: 0.5, avgPrice: 42_000, attempts: 1, recovered: false });
    expect(fake.usdt).toBeCloseTo(before - 0.5 * 42_000 * 0.0005, 9);
    expect((await venue.reportPositions())["BTC/USDT:USDT"]).toBeCloseTo(-0.5, 12);
    expect(await venue.usdtBalance()).toBeCloseTo(fake.usdt, 6);
    const f = await venue.fundingSnapshot("BTC/USDT:USDT");
    expect(f).toMatchObject({ mark: 42_000, rate: 0.0001 });
    expect(f.nextFundingTime % 28_800_000).toBe(0);
  });

  it("retries a 5xx with the same client order id: one fill", async () => {
    fake.inject({ kind: "5xx", path: "/fapi/v1/order", method: "POST" });
    const o = order();
    const r = await venue.submitMarketOrder(o);
    expect(r).toMatchObject({ status: "filled", attempts: 2 });
    expect(postsOf(o.clientOrderId).map((p) => p.outcome)).toEqual(["503", "200"]);
    expect([...fake.orders.values()].filter((x) => x.clientOrderId === o.clientOrderId)).toHaveLength(1);
  });

  it("a dropped connection before the order reached the book is retried: one fill", async () => {
    fake.inject({ kind: "drop", path: "/fapi/v1/order", method: "POST" });
    const o = order();
    const r = await venue.submitMarketOrder(o);
    expect(r).toMatchObject({ status: "filled", attempts: 2, recovered: false });
    expect(postsOf(o.clientOrderId).map((p) => p.outcome)).toEqual(["dropped", "200"]);
  });

  it("an order filled whose answer was lost is found by its client order id, never sent twice", async () => {
    const pos = (await venue.reportPositions())["BTC/USDT:USDT"] ?? 0;
    fake.inject({ kind: "fill-then-drop", path: "/fapi/v1/order", method: "POST" });
    const o = order("sell", 0.25);
    const r = await venue.submitMarketOrder(o);
    expect(r).toMatchObject({ status: "filled", filled: 0.25, attempts: 1, recovered: true });
    expect(postsOf(o.clientOrderId)).toHaveLength(1);
    expect((await venue.reportPositions())["BTC/USDT:USDT"]).toBeCloseTo(pos - 0.25, 12);
    expect(logs.some((l) => l.includes(o.clientOrderId))).toBe(true);
  });

  it("a timeout whose order lands late resolves through the duplicate-id answer: one fill", async () => {
    const pos = (await venue.reportPositions())["BTC/USDT:USDT"] ?? 0;
    fake.inject({ kind: "delay", path: "/fapi/v1/order", method: "POST", ms: 700 });
    // the look-up right after the timeout also times out while the first POST is still delayed
    fake.inject({ kind: "delay", path: "/fapi/v1/order", method: "GET", ms: 700 });
    const o = order("sell", 0.1);
    const r = await venue.submitMarketOrder(o);
    expect(r, JSON.stringify({ r, requests: fake.requests.filter((q) => q.clientOrderId === o.clientOrderId) })).toMatchObject({ status: "filled" });
    expect([...fake.orders.values()].filter((x) => x.clientOrderId === o.clientOrderId)).toHaveLength(1);
    await new Promise((res) => setTimeout(res, 800));
    expect((await venue.reportPositions())["BTC/USDT:USDT"]).toBeCloseTo(pos - 0.1, 12);
  });

  it("a rejection is returned at once, without a retry", async () => {
    fake.inject({ kind: "reject", path: "/fapi/v1/order", method: "POST" });
    const o = order();
    const r = await venue.submitMarketOrder(o);
    expect(r).toMatchObject({ status: "rejected", code: "EXEC-007", attempts: 1 });
    expect(r.status === "rejected" && r.message).toMatch(/Margin is insufficient/);
    expect(postsOf(o.clientOrderId)).toHaveLength(1);
  });

  it("gives up after 3 retries of a venue that keeps failing, with nothing filled", async () => {
    fake.inject({ kind: "5xx", path: "/fapi/v1/order", method: "POST", times: 10 });
    const o = order();
    const r = await venue.submitMarketOrder(o);
    expect(r).toMatchObject({ status: "rejected", code: "EXEC-006", attempts: 4 });
    expect(postsOf(o.clientOrderId)).toHaveLength(4);
    expect(fake.orders.has(o.clientOrderId)).toBe(false);
  });

  it("a wrong secret is an authentication rejection (and the secret is not in the message)", async () => {
    const bad = new CcxtExchangeVenue({ apiKey: KEY, secret: "wrong-secret-000000000", baseUrl: fake.url, sleep: async () => undefined });
    const r = await bad.submitMarketOrder(order());
    expect(r.status).toBe("rejected");
    expect(JSON.stringify(r)).not.toContain("wrong-secret");
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it("refuses mainnet without an explicit setting", () => {
    expect(() => new CcxtExchangeVenue({ apiKey: KEY, secret: SECRET, testnet: false })).toThrow(/allowMainnet/);
  });
});
