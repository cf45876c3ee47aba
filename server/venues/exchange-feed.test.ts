// The exchange feed against the fake exchange: a disconnect makes it degraded, it backs off and
// reconnects, the gap is logged with its length, and too many failures fault it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CcxtExchangeVenue } from "./ccxt-exchange-venue";
import { ExchangeFeed, type FeedEvent } from "./exchange-feed";
import { FakeBinanceFutures } from "./fake-exchange/fake-binance-futures";

const fake = new FakeBinanceFutures({ apiKey: "feed-key-0123456789", secret: "feed-secret-0123456789" });
let venue: CcxtExchangeVenue;
const SYMBOLS = ["BTC/USDT:USDT", "ETH/USDT:USDT"];

beforeAll(async () => {
  const url = await fake.start();
  venue = new CcxtExchangeVenue({ apiKey: "feed-key-0123456789", secret: "feed-secret-0123456789", baseUrl: url, timeoutMs: 400, maxRetries: 0 });
});
afterAll(() => fake.stop());

function makeFeed(faultAfter = 10) {
  let clock = 1_700_000_000_000;
  const events: FeedEvent[] = [];
  const feed = new ExchangeFeed(venue, { symbols: SYMBOLS, intervalMs: 60_000, backoffMs: 1_000, maxBackoffMs: 8_000, faultAfter, now: () => clock, onEvent: (e) => events.push(e) });
  return { feed, events, advance: (ms: number) => (clock += ms) };
}

describe("exchange feed", () => {
  it("reads mark, funding and next funding time per symbol", async () => {
    const { feed, events } = makeFeed();
    expect(await feed.poll()).toBe(true);
    expect(feed.state).toBe("running");
    expect(feed.quotes.get("BTC/USDT:USDT")).toMatchObject({ mark: 42_000, rate: 0.0001 });
    expect(feed.quotes.get("ETH/USDT:USDT")?.mark).toBe(2_300);
    expect(events.map((e) => e.type)).toEqual(["FeedConnected"]);
  });

  it("goes degraded on a disconnect, backs off, reconnects and logs the gap", async () => {
    const { feed, events, advance } = makeFeed();
    await feed.poll();
    fake.setMark("BTCUSDT", 43_000);
    fake.inject({ kind: "drop", path: "/fapi/v1/premiumIndex", times: 6 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      advance(feed.nextWaitMs());
      expect(await feed.poll()).toBe(false);
      expect(feed.state).toBe("degraded");
      waits.push(feed.nextWaitMs());
    }
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    expect(feed.quotes.get("BTC/USDT:USDT")?.mark).toBe(42_000); // last good quote kept
    fake.clearFaults();
    advance(feed.nextWaitMs());
    expect(await feed.poll()).toBe(true);
    expect(feed.state).toBe("running");
    expect(feed.quotes.get("BTC/USDT:USDT")?.mark).toBe(43_000);
    expect(events.map((e) => e.type)).toEqual(["FeedConnected", "FeedDisconnected", "FeedReconnected", "DataGapLogged"]);
    const gap = events.find((e) => e.type === "DataGapLogged");
    // 60 s (first wait) + 1 + 2 + 4 s of backoff: the span between the two good polls
    expect(gap?.payload).toMatchObject({ gapMs: 60_000 + 1_000 + 2_000 + 4_000, missedPolls: 3 });
    expect(feed.errorCount).toBe(3);
  });

  it("faults after too many consecutive failures and stops polling", async () => {
    const { feed, events } = makeFeed(3);
    await feed.poll();
    fake.inject({ kind: "5xx", path: "/fapi/v1/premiumIndex", times: 10 });
    for (let i = 0; i < 3; i++) await feed.poll();
    expect(feed.state).toBe("faulted");
    expect(events[events.length - 1]?.type).toBe("FeedFaulted");
    fake.clearFaults();
    expect(await feed.poll()).toBe(false);
    expect(feed.lastError).toMatch(/ExchangeNotAvailable|NetworkError|503/);
  });
});
