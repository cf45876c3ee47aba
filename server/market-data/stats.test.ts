// Stats definitions checked against hand calculations on tiny series.

import { describe, expect, it } from "vitest";
import type { Series, SeriesKind } from "./series";
import { computeSeriesStats, eventsPerDay, SeriesStatsError } from "./stats";

const H = 3_600_000;
const D0 = Date.UTC(2024, 0, 1);
const day = (k: number) => D0 + k * 86_400_000;

function series(id: string, kind: SeriesKind, time: number[], fields: Record<string, number[]>): Series {
  return { id, kind, time: Float64Array.from(time), fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Float64Array.from(v)])) };
}

const funding = series(
  "funding:x:BTCUSDT",
  "funding",
  [0, 8, 16, 24, 32, 40].map((h) => D0 + h * H),
  { rate: [0.0001, 0.0002, -0.00005, 0.0003, 0.0001, 0.00005] },
);

describe("funding stats", () => {
  it("two full days: sums, means and both annualisations by hand", () => {
    const s = computeSeriesStats(funding, day(0), day(2));
    // sum = 0.0007; mean = 0.0007/6; calendar = 0.0007 × 365 / 2 = 0.12775; per event = mean × 3 × 365 = 0.12775
    expect(s).toMatchObject({ events: 6, first: "2024-01-01T00:00:00.000Z", last: "2024-01-02T16:00:00.000Z" });
    const f = s as { sum: number; meanPerEvent: number; annualizedCalendar: number; annualizedPerEvent: number };
    expect(f.sum).toBeCloseTo(0.0007, 15);
    expect(f.meanPerEvent).toBeCloseTo(0.0007 / 6, 15);
    expect(f.annualizedCalendar).toBeCloseTo(0.12775, 12);
    expect(f.annualizedPerEvent).toBeCloseTo(0.12775, 12);
  });
  it("--to is exclusive: [day0, day1) holds the three settlements of day 0 only", () => {
    const f = computeSeriesStats(funding, day(0), day(1)) as { events: number; sum: number; annualizedCalendar: number; last: string };
    expect(f.events).toBe(3);
    expect(f.sum).toBeCloseTo(0.00025, 15);
    expect(f.annualizedCalendar).toBeCloseTo(0.00025 * 365, 12);
    expect(f.last).toBe("2024-01-01T16:00:00.000Z");
  });
  it("a missing settlement lowers the calendar figure but not the per-event one", () => {
    const holed = series("funding:x:Y", "funding", [0, 8, 24, 32, 40].map((h) => D0 + h * H), { rate: [0.0001, 0.0001, 0.0001, 0.0001, 0.0001] });
    const f = computeSeriesStats(holed, day(0), day(2)) as { annualizedCalendar: number; annualizedPerEvent: number };
    expect(f.annualizedCalendar).toBeCloseTo((0.0005 * 365) / 2, 12);
    expect(f.annualizedPerEvent).toBeCloseTo(0.0001 * 3 * 365, 12);
  });
  it("infers events per day from the settlement interval", () => {
    expect(eventsPerDay(funding.time)).toBe(3);
    expect(eventsPerDay(Float64Array.from([0, 4 * H, 8 * H]))).toBe(6);
  });
});

describe("aave and lst stats", () => {
  const aave = series("aave:USDT", "aave", [0, 1, 2, 3].map(day), {
    liquidityIndex: [1, 1.001, 1.002001, 1.003003001],
    variableBorrowIndex: [1, 1.002, 1.004004, 1.006012008],
    supplyApr: [0.03, 0.05, 0.07, 0.5],
    borrowApr: [0.04, 0.06, 0.08, 0.9],
    oraclePriceUsd: [1, 1, 1, 1],
  });
  it("APY from the exact snapshots at from and to; mean APRs over [from, to)", () => {
    const s = computeSeriesStats(aave, day(0), day(2)) as { supplyApyFromIndex: number; borrowApyFromIndex: number; meanSupplyApr: number; meanBorrowApr: number };
    // (1.002001/1)^(365/2) − 1 = 1.001^365 − 1
    expect(s.supplyApyFromIndex).toBeCloseTo(Math.pow(1.001, 365) - 1, 10);
    expect(s.borrowApyFromIndex).toBeCloseTo(Math.pow(1.002, 365) - 1, 10);
    expect(s.meanSupplyApr).toBeCloseTo(0.04, 15);
    expect(s.meanBorrowApr).toBeCloseTo(0.05, 15);
  });
  it("needs a snapshot at exactly `to`; a window beyond the data is refused", () => {
    expect(() => computeSeriesStats(aave, day(0), day(5))).toThrow(SeriesStatsError);
    expect(() => computeSeriesStats(aave, day(0), day(5))).toThrow(/no snapshot at exactly 2024-01-06T00:00:00.000Z/);
    const hourly = series("lst:weETH", "lst", [1, 2, 3].map((h) => D0 + h * H), { ethPerToken: [1, 1, 1] });
    expect(() => computeSeriesStats(hourly, D0, D0 + 2 * H)).toThrow(expect.objectContaining({ code: "window-outside-data" }));
  });
  it("lst apy from the exchange-rate ratio", () => {
    const lst = series("lst:weETH", "lst", [0, 1, 2].map(day), { ethPerToken: [1.04, 1.0401, 1.0402] });
    expect(computeSeriesStats(lst, day(0), day(2))).toEqual({ apy: Math.pow(1.0402 / 1.04, 365 / 2) - 1 });
  });
});

describe("bar stats", () => {
  const bars = series("spot:x:BTCUSDT", "spot", [0, 1, 2, 3].map((h) => D0 + h * H), {
    open: [100, 105, 101, 110],
    high: [110, 106, 120, 111],
    low: [95, 100, 99, 90],
    close: [105, 101, 110, 100],
    volume: [1, 1, 1, 1],
  });
  it("first open, last close, extremes inside [from, to)", () => {
    expect(computeSeriesStats(bars, D0, D0 + 3 * H)).toEqual({ bars: 3, firstOpen: 100, lastClose: 110, minLow: 95, maxHigh: 120 });
  });
  it("refuses empty, inverted and out-of-data windows", () => {
    expect(() => computeSeriesStats(bars, D0, D0)).toThrow(expect.objectContaining({ code: "invalid-window" }));
    expect(() => computeSeriesStats(bars, day(1), day(2))).toThrow(expect.objectContaining({ code: "window-outside-data" }));
    expect(() => computeSeriesStats(bars, D0 - H, D0 + 2 * H)).toThrow(expect.objectContaining({ code: "window-outside-data" }));
  });
});

describe("other kinds", () => {
  it("rewards: mean daily yield and its annualisation (mean × 365)", () => {
    const r = series("rewards:etherfi", "rewards", [0, 1, 2, 3].map(day), { dailyYield: [0.0001, 0.0002, 0, 0.0003] });
    const s = computeSeriesStats(r, day(0), day(4)) as { meanDailyYield: number; annualized: number };
    expect(s.meanDailyYield).toBeCloseTo(0.00015, 15);
    expect(s.annualized).toBeCloseTo(0.00015 * 365, 12);
  });
  it("benchmark without an apy field reports meanApy null", () => {
    const b = series("benchmark:susde", "benchmark", [0, 1].map(day), { apr: [0.1, 0.2] });
    expect(computeSeriesStats(b, day(0), day(2))).toMatchObject({ points: 2, meanApy: null });
  });
});
