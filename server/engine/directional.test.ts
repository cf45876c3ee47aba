// Directional modes: the moving-average rule and the CSV loader by hand, sizing, stop-loss and
// take-profit fills on hand-built bars, funding on the position, BTC-margin liquidation with the BTC
// collateral counted (and forfeited), and the invariants on synthetic and (when present) real data.
import { describe, expect, it } from "vitest";
import type { MarketData, Series, SeriesKind } from "@/server/market-data/series";
import { generateSyntheticData } from "@/server/market-data/synthetic/generate";
import { runBacktestWithDetails } from "./run-backtest";
import { CsvSignal, parseSignalCsv } from "./signals/csv-signal";
import { MovingAverageTrendSignal } from "./signals/ma-trend";
import type { BarWindow } from "./signals/signal";
import { parseStressScenario, applyStress } from "./stress/scenarios";
import { CollectingSink } from "./testing/collect-steps";

const HOUR = 3_600_000;

const barsOf = (close: number[]): BarWindow => {
  const c = Float64Array.from(close);
  return { time: Float64Array.from(close, (_, i) => i * HOUR), open: c, high: c, low: c, close: c };
};

describe("signal sources", () => {
  it("MA trend: sign(MA fast − MA slow) over the completed closes, no opinion before the slow window fills", () => {
    const s = new MovingAverageTrendSignal(3, 6);
    expect(s.signal(0, barsOf([1, 2, 3, 4, 5]))).toBeNull();
    expect(s.signal(0, barsOf([1, 2, 3, 4, 5, 6]))?.target).toBe(1);
    expect(s.signal(0, barsOf([6, 5, 4, 3, 2, 1]))?.target).toBe(-1);
    expect(s.signal(0, barsOf([2, 2, 2, 2, 2, 2]))?.target).toBe(0);
    // only the last `slow` closes count: MA3 of [9,1,1] = 11/3 vs MA6 of [1,1,1,9,1,1] = 14/6 → long
    expect(s.signal(0, barsOf([100, 100, 1, 1, 1, 9, 1, 1]))?.target).toBe(1);
    expect(() => new MovingAverageTrendSignal(5, 5)).toThrow();
  });

  it("CSV: words and numbers, hold keeps the target, confidence and sd, as-of lookup", () => {
    const csv = "timestamp,signal,confidence,sd\n2024-01-01T00:00:00Z,long,0.9,0.01\n2024-01-01 05:00:00,hold,,\n1704092400000,-0.5,,\n2024-01-02T00:00:00Z,neutral,0.6,\n";
    const s = parseSignalCsv(csv);
    expect(Array.from(s.time)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 5), Date.UTC(2024, 0, 1, 7), Date.UTC(2024, 0, 2)]);
    const src = new CsvSignal(s);
    const w = barsOf([1]);
    expect(src.signal(Date.UTC(2023, 11, 31), w)).toBeNull();
    expect(src.signal(Date.UTC(2024, 0, 1, 3), w)).toEqual({ target: 1, confidence: 0.9, sd: 0.01 });
    expect(src.signal(Date.UTC(2024, 0, 1, 6), w)).toBeNull();
    expect(src.signal(Date.UTC(2024, 0, 1, 7), w)).toEqual({ target: -0.5 });
    expect(src.signal(Date.UTC(2024, 0, 3), w)).toEqual({ target: 0, confidence: 0.6 });
  });

  it("CSV: bad rows name their line (CONFIG-001)", () => {
    expect(() => parseSignalCsv("timestamp,signal\n2024-01-01T00:00:00Z,sideways\n")).toThrow(/line 2/);
    expect(() => parseSignalCsv("timestamp,signal\n2024-01-01T00:00:00Z,2\n")).toThrow(/line 2/);
    expect(() => parseSignalCsv("timestamp,signal\n2024-01-02T00:00:00Z,long\n2024-01-01T00:00:00Z,short\n")).toThrow(/line 3.*increase/);
    expect(() => parseSignalCsv("time,value\n")).toThrow(/header/);
  });
});

/** Hand-built BTC data: hourly bars from a path of opens, with chosen bar highs/lows; funding at 00/08/16. */
function btcData(t0: number, opens: number[], extremes: Record<number, { high?: number; low?: number; close?: number }>, fundingRate: number): MarketData {
  const n = opens.length;
  const time = Float64Array.from({ length: n }, (_, h) => t0 + h * HOUR);
  const open = Float64Array.from(opens);
  // a bar closes at the next open unless told otherwise (a different close makes a gap)
  const close = Float64Array.from(opens, (_, h) => extremes[h]?.close ?? opens[Math.min(h + 1, n - 1)]!);
  const high = Float64Array.from(opens, (o, h) => extremes[h]?.high ?? Math.max(o, close[h]!));
  const low = Float64Array.from(opens, (o, h) => extremes[h]?.low ?? Math.min(o, close[h]!));
  const volume = new Float64Array(n).fill(1);
  const settlements = Array.from({ length: n }, (_, h) => t0 + h * HOUR).filter((t) => t % (8 * HOUR) === 0);
  const mk = (id: string, kind: SeriesKind, t: Float64Array, fields: Record<string, Float64Array>): [string, Series] => [id, { id, kind, time: t, fields }];
  return {
    name: "hand-built-btc",
    version: 1,
    source: "synthetic",
    series: new Map([
      mk("perp:binance:BTCUSDT", "perp", time, { open, high, low, close, volume }),
      mk("spot:binance:BTCUSDT", "spot", time, { open, high, low, close, volume }),
      mk("funding:binance:BTCUSDT", "funding", Float64Array.from(settlements), { rate: new Float64Array(settlements.length).fill(fundingRate) }),
    ]),
  };
}

describe("directional known answers (hand-built bars, costs off)", () => {
  const t0 = Date.UTC(2024, 0, 1);
  const start = t0 + 24 * HOUR;
  const csv = `timestamp,signal,confidence,sd\n${new Date(start).toISOString()},long,0.9,0.01\n`;
  const params = { costs: false, signalSource: "csv" };

  it("sizes target·maxPositionSize·E/P and fills the stop-loss at its level when a completed bar's low touches it", () => {
    const opens = Array.from({ length: 72 }, () => 100);
    // the bar opening 10 h after the start dips to 97 (SL at 100·(1 − 2·0.01) = 98); the next open is 98.5
    opens[24 + 11] = 98.5;
    for (let h = 24 + 12; h < 72; h++) opens[h] = 98.5;
    const d = btcData(t0, opens, { [24 + 10]: { low: 97 } }, 0);
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "ml_btc_directional_usdt_margin", params, data: d, start, end: start + 40 * HOUR, capital: 100_000, signalCsv: csv, sink });
    const fills = r.events.filter((e) => e.type === "OrderFilled");
    expect(fills[0]!.payload.amount).toBeCloseTo(1000, 9);
    expect(fills[0]!.time).toBe(start);
    const stop = r.events.find((e) => e.type === "DecisionTaken" && e.payload.stop === "stop_loss");
    expect(stop?.time).toBe(start + 11 * HOUR);
    expect(stop?.payload.level).toBeCloseTo(98, 12);
    expect(fills[1]!.time).toBe(start + 11 * HOUR);
    // filled at the 98 level during that bar, not at the next open 98.5; the level-vs-mark part is price PnL
    expect(r.summary.finalEquity).toBeCloseTo(100_000 + 1000 * (98 - 100), 6);
    expect(r.summary.attribution.pricePnl).toBeCloseTo(1000 * (98 - 100), 6);
    expect(r.summary.attribution.fees).toBe(0);
    // flat after the stop until the signal changes
    expect(sink.column("exposure_perp_notional").at(-1)).toBe(0);
  });

  it("take-profit at entry·(1 + 3·sd); SL wins when one bar touches both", () => {
    const opens = Array.from({ length: 72 }, () => 100);
    for (let h = 24 + 6; h < 72; h++) opens[h] = 103.5;
    const tp = runBacktestWithDetails({
      mode: "ml_btc_directional_usdt_margin",
      params,
      data: btcData(t0, opens, { [24 + 5]: { high: 103.2 } }, 0),
      start,
      end: start + 30 * HOUR,
      capital: 100_000,
      signalCsv: csv,
    });
    expect(tp.events.find((e) => e.type === "DecisionTaken" && e.payload.stop === "take_profit")?.time).toBe(start + 6 * HOUR);
    expect(tp.summary.finalEquity).toBeCloseTo(100_000 + 1000 * 3, 6);
    const both = runBacktestWithDetails({
      mode: "ml_btc_directional_usdt_margin",
      params,
      data: btcData(t0, opens, { [24 + 5]: { high: 103.2, low: 97.5 } }, 0),
      start,
      end: start + 30 * HOUR,
      capital: 100_000,
      signalCsv: csv,
    });
    expect(both.events.find((e) => e.type === "DecisionTaken" && typeof e.payload.stop === "string")?.payload.stop).toBe("stop_loss");
    // a bar that opens below the stop gaps through it: filled at that open (96), not at the 98 level
    const gapOpens = Array.from({ length: 72 }, (_, h) => (h >= 24 + 5 ? 96 : 100));
    const gap = runBacktestWithDetails({ mode: "ml_btc_directional_usdt_margin", params, data: btcData(t0, gapOpens, { [24 + 4]: { close: 100 } }, 0), start, end: start + 30 * HOUR, capital: 100_000, signalCsv: csv });
    expect(gap.events.find((e) => e.type === "DecisionTaken" && e.payload.stop === "stop_loss")?.payload.fill).toBe(96);
    expect(gap.summary.finalEquity).toBeCloseTo(100_000 - 1000 * 4, 6);
  });

  it("funding on the position: Σ −size·mark·rate at each settlement", () => {
    const opens = Array.from({ length: 24 * 4 }, () => 100);
    const r = runBacktestWithDetails({ mode: "ml_btc_directional_usdt_margin", params, data: btcData(t0, opens, {}, 0.0001), start, end: start + 48 * HOUR, capital: 100_000, signalCsv: csv });
    // long 1000 BTC at 100 from the start tick (itself a settlement, paid before the entry): 6 settlements in (start, start + 48h]
    expect(r.summary.attribution.funding).toBeCloseTo(-6 * 1000 * 100 * 0.0001, 9);
  });

  it("BTC margin: −20 % on a 3× long takes (BTC·P + USDT)/(size·P) below 0.1 and forfeits collateral and USDT at that tick; −15 % only cuts", () => {
    const opens = Array.from({ length: 24 * 4 }, () => 100);
    const base = btcData(t0, opens, {}, 0);
    const shockAt = start + 5 * HOUR;
    const p = { ...params, maxPositionSize: 3 };
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "ml_btc_directional_btc_margin", params: p, data: applyStress(base, parseStressScenario("price:-20:BTC"), shockAt), start, end: start + 24 * HOUR, capital: 1, signalCsv: csv, sink });
    const liq = r.events.filter((e) => e.type === "PositionLiquidated");
    expect(liq.length).toBe(1);
    expect(liq[0]!.time).toBe(shockAt);
    // 3 BTC long on 1 BTC: balance = 1·80 + 3·(80 − 100) = 20 USDT → ratio 20/240 = 0.0833 < 0.1
    expect(liq[0]!.payload.forfeited).toBeCloseTo(20, 9);
    const k = (shockAt - start) / HOUR;
    expect(sink.column("equity")[k]).toBeCloseTo(0, 12);
    // the forfeiture is attributed (fees), the residual stays at zero
    expect(sink.column("attr_fees")[k]).toBeCloseTo(-20 / 80, 12);
    expect(Math.abs(r.summary.attribution.residual)).toBeLessThan(1e-7);
    const cut = runBacktestWithDetails({ mode: "ml_btc_directional_btc_margin", params: p, data: applyStress(base, parseStressScenario("price:-15:BTC"), shockAt), start, end: start + 24 * HOUR, capital: 1, signalCsv: csv });
    expect(cut.events.some((e) => e.type === "PositionLiquidated")).toBe(false);
    // ratio (4·85 − 300)/(3·85) = 0.157: below the 0.20 warning → margin cut at the shock tick
    expect(cut.events.some((e) => e.type === "DecisionTaken" && e.time === shockAt && e.payload.reason === "margin_support")).toBe(true);
  });
});

function checkInvariants(data: MarketData, mode: "ml_btc_directional_usdt_margin" | "ml_btc_directional_btc_margin", start: number, end: number) {
  const sink = new CollectingSink();
  const capital = mode === "ml_btc_directional_usdt_margin" ? 100_000 : 2;
  const r = runBacktestWithDetails({ mode, data, start, end, capital, sink });
  const tol = 1e-7 * capital;
  const residual = sink.column("attr_residual");
  const equity = sink.column("equity");
  for (let k = 0; k < residual.length; k++) {
    expect(Math.abs(residual[k]!)).toBeLessThan(tol);
    expect(Number.isFinite(equity[k]!) && equity[k]! > 0).toBe(true);
  }
  expect(Math.abs(r.summary.attribution.residual)).toBeLessThan(tol);
  expect(sink.events.some((e) => e.type === "ReconciliationFailed")).toBe(false);
  // the trend rule trades: entries, stops or flips happen
  expect(r.summary.metrics.timeInMarket).toBeGreaterThan(0);
  return r;
}

describe("directional invariants on synthetic data", () => {
  const data = generateSyntheticData();
  for (const mode of ["ml_btc_directional_usdt_margin", "ml_btc_directional_btc_margin"] as const) {
    it(`${mode}: residual, equity, reconciliation`, () => {
      const r = checkInvariants(data, mode, Date.UTC(2024, 0, 1), Date.UTC(2025, 8, 30));
      expect(r.summary.shareClass).toBe(mode.endsWith("btc_margin") ? "BTC" : "USDT");
    });
  }
});

const REAL_DIR = `${process.cwd()}/../shared/data`;
async function loadRealData(): Promise<MarketData | null> {
  try {
    const { loadDirectory } = await import("@/server/market-data/import/load-directory");
    return (await loadDirectory(REAL_DIR)).data;
  } catch (e) {
    console.warn(`skipping real-data directional invariants (${REAL_DIR}): ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
const real = await loadRealData();

describe.skipIf(!real)("directional invariants on the real data (../shared/data)", () => {
  for (const mode of ["ml_btc_directional_usdt_margin", "ml_btc_directional_btc_margin"] as const) {
    it(`${mode}: residual, equity, reconciliation`, () => {
      checkInvariants(real as MarketData, mode, Date.UTC(2024, 0, 8), Date.UTC(2025, 8, 17));
    });
  }
});
