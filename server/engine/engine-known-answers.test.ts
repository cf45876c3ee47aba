// Known answers for whole runs, computed independently from the raw series: pure lending equals
// capital × index ratio (less entry/exit gas), basis funding equals Σ qty × mark × rate over
// settlements, and a perp shock beyond maintenance liquidates at the right tick with the right loss.
import { describe, expect, it } from "vitest";
import { asOfIndex, type MarketData, type Series } from "@/server/market-data/series";
import { generateSyntheticData } from "@/server/market-data/synthetic/generate";
import { runBacktestWithDetails } from "./run-backtest";
import { CollectingSink } from "./testing/collect-steps";

const data = generateSyntheticData();
const HOUR = 3_600_000;
const series = (id: string): Series => {
  const s = data.series.get(id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};
/** Field value of a series at exactly time t (the bar that opens at t). */
const at = (id: string, field: string, t: number): number => {
  const s = series(id);
  const i = asOfIndex(s.time, t);
  expect(s.time[i]).toBe(t);
  return s.fields[field]![i]!;
};

describe("pure lending known answers", () => {
  const start = Date.UTC(2024, 2, 1);
  const end = Date.UTC(2024, 5, 1);
  const E = 250_000;

  it("costs off: equity_t = E · I_t / I_0 at every tick, APY = index-implied APY", () => {
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "pure_lending_usdt", params: { costs: false }, data, start, end, capital: E, sink });
    const eq = sink.column("equity");
    const i0 = at("aave:USDT", "liquidityIndex", start);
    for (let k = 0; k < eq.length; k++) {
      const expected = (E * at("aave:USDT", "liquidityIndex", start + k * HOUR)) / i0;
      expect(Math.abs(eq[k]! - expected)).toBeLessThan(1e-9 * E);
    }
    const ratio = at("aave:USDT", "liquidityIndex", end) / i0;
    const days = (end - start) / 86_400_000;
    expect(r.summary.metrics.apy).toBeCloseTo(Math.pow(ratio, 365 / days) - 1, 10);
    expect(r.summary.attribution.lendingInterest).toBeCloseTo(E * (ratio - 1), 6);
    expect(r.summary.attribution.gas).toBe(0);
  });

  it("costs on: (E − entry gas) · I_t/I_0, minus exit gas when closing at the end", () => {
    const r = runBacktestWithDetails({ mode: "pure_lending_usdt", params: { closeAtEnd: true }, data, start, end, capital: E });
    const gwei0 = at("gas:ethereum", "gasPriceGwei", start);
    const eth0 = at("spot:bybit:ETHUSDT", "open", start);
    const entryGas = gwei0 * 1e-9 * (55_000 + 250_000) * 1.2 * eth0;
    const ratio = at("aave:USDT", "liquidityIndex", end) / at("aave:USDT", "liquidityIndex", start);
    const exitGas = at("gas:ethereum", "gasPriceGwei", end) * 1e-9 * 220_000 * 1.2 * at("spot:bybit:ETHUSDT", "open", end);
    expect(r.summary.finalEquity).toBeCloseTo((E - entryGas) * ratio - exitGas, 6);
    expect(r.summary.attribution.gas).toBeCloseTo(-(entryGas + exitGas), 8);
    expect(r.summary.attribution.funding).toBe(0);
    expect(r.summary.attribution.pricePnl).toBe(0);
  });

  it("ETH class: WETH supply grows by the WETH index, gas paid in ETH", () => {
    const r = runBacktestWithDetails({ mode: "pure_lending_eth", data, start, end, capital: 100 });
    const gas = at("gas:ethereum", "gasPriceGwei", start) * 1e-9 * 305_000 * 1.2;
    const ratio = at("aave:WETH", "liquidityIndex", end) / at("aave:WETH", "liquidityIndex", start);
    expect(r.summary.shareClass).toBe("ETH");
    expect(r.summary.finalEquity).toBeCloseTo((100 - gas) * ratio, 9);
  });

  it("large capital: supplying capital − gas leaves the gas in the wallet despite float rounding", () => {
    const r = runBacktestWithDetails({ mode: "pure_lending_eth", data, start, end, capital: 1e7 });
    expect(r.summary.finalEquity).toBeGreaterThan(1e7);
  });
});

describe("basis known answers", () => {
  const start = Date.UTC(2024, 1, 1);
  const end = Date.UTC(2024, 1, 10);
  const E = 100_000;
  const w = { binance: 0.4, bybit: 0.3, okx: 0.3 } as const;

  it("funding = Σ_v Σ_settlements w_v·Q·M_v(t)·f_v(t) with Q = E/(P + m·Σ w·M)", () => {
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "btc_basis", params: { costs: false }, data, start, end, capital: E, sink });
    expect(r.summary.metrics.rebalances).toBe(0);
    const m = 0.8;
    const p0 = at("spot:binance:BTCUSDT", "open", start);
    const wm = (Object.keys(w) as (keyof typeof w)[]).reduce((s, v) => s + w[v] * at(`perp:${v}:BTCUSDT`, "open", start), 0);
    const q = (E * (1 - 1e-9)) / (p0 + m * wm);
    let expected = 0;
    const perVenue: Record<string, number> = {};
    for (const v of Object.keys(w) as (keyof typeof w)[]) {
      const f = series(`funding:${v}:BTCUSDT`);
      perVenue[v] = 0;
      for (let i = 0; i < f.time.length; i++) {
        const t = f.time[i]!;
        // the shorts open after the first tick's settlement (size is carried into t), so it pays nothing
        if (t <= start || t > end) continue;
        const cash = w[v] * q * at(`perp:${v}:BTCUSDT`, "open", t) * f.fields.rate![i]!;
        expected += cash;
        perVenue[v] += cash;
      }
    }
    expect(r.summary.attribution.funding).toBeCloseTo(expected, 6);
    for (const v of Object.keys(w) as (keyof typeof w)[]) expect(r.details.fundingByVenue[v]).toBeCloseTo(perVenue[v]!, 6);
    // settlements only at 00/08/16 UTC
    for (const ev of sink.events.filter((e) => e.type === "FundingSettled")) expect(new Date(ev.time).getUTCHours() % 8).toBe(0);
  });

  it("a +70 % shock on one venue's marks liquidates it at that tick, forfeiting its margin", () => {
    const shockAt = Date.UTC(2024, 1, 5, 3);
    const shocked = shockSeries(data, "perp:bybit:BTCUSDT", shockAt, 1.7);
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "btc_basis", params: { costs: false }, data: shocked, start, end, capital: E, sink });
    const liq = sink.events.filter((e) => e.type === "PositionLiquidated");
    expect(liq).toHaveLength(1);
    expect(liq[0]!.time).toBe(shockAt);
    expect(liq[0]!.venue).toBe("bybit");
    const k = (shockAt - start) / HOUR;
    const bybitBefore = sink.column("position_bybit")[k - 1]!;
    const size = liq[0]!.payload.size as number;
    const m0 = shocked.series.get("perp:bybit:BTCUSDT")!.fields.open![asOfIndex(series("perp:bybit:BTCUSDT").time, shockAt - HOUR)]!;
    const m1 = shocked.series.get("perp:bybit:BTCUSDT")!.fields.open![asOfIndex(series("perp:bybit:BTCUSDT").time, shockAt)]!;
    const forfeited = bybitBefore + size * (m1 - m0);
    expect(liq[0]!.payload.forfeited as number).toBeCloseTo(forfeited, 6);
    // costs are off, so the tick's fees are exactly the forfeited margin
    expect(sink.column("attr_fees")[k]!).toBeCloseTo(-forfeited, 6);
    expect(r.details.liquidations).toBe(1);
    // the book is re-hedged in the same tick
    expect(sink.column("delta_ratio")[k]!).toBeLessThan(0.02);
  });
});

describe("basis margin support", () => {
  const w = { binance: 0.4, bybit: 0.3, okx: 0.3 } as const;
  const start = Date.UTC(2024, 1, 1);
  const end = Date.UTC(2024, 1, 10);
  const shockAt = Date.UTC(2024, 1, 5, 5);
  const k = (shockAt - start) / HOUR;
  const btcSeries = ["spot:binance:BTCUSDT", "perp:binance:BTCUSDT", "perp:bybit:BTCUSDT", "perp:okx:BTCUSDT"];
  const rally = (factor: number) => {
    let shocked = data;
    for (const id of btcSeries) shocked = shockSeries(shocked, id, shockAt, factor);
    const sink = new CollectingSink();
    runBacktestWithDetails({ mode: "btc_basis", params: { costs: false }, data: shocked, start, end, capital: 100_000, sink });
    return sink;
  };
  const expectRestored = (sink: CollectingSink) => {
    for (const v of ["binance", "bybit", "okx"] as const) expect(sink.column(`margin_ratio_${v}`)[k]!).toBeCloseTo(0.8, 6);
    expect(Math.abs(sink.column("net_delta_btc")[k]!)).toBeLessThan(1e-9);
  };

  it("a rally that takes margin below critical: sell x = (m·L·M − ΣB)/(P + m·M), every venue back at m", () => {
    const sink = rally(1.55);
    const decisions = sink.events.filter((e) => e.type === "DecisionTaken" && e.time === shockAt);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.payload.reason).toBe("margin_support");
    expect(decisions[0]!.payload.lowestMarginRatio as number).toBeLessThan(0.15);
    expect(sink.events.some((e) => e.type === "PositionLiquidated")).toBe(false);
    // independent closed form on the book before support (step k−1 values, marks moved to k)
    const col = (c: Parameters<CollectingSink["column"]>[0], kk: number) => sink.column(c)[kk]!;
    const shocked = (id: string, t: number) => at(id, "open", t) * (t >= shockAt ? 1.55 : 1);
    const usdtBinance = col("cash", k - 1) - col("position_bybit", k - 1) - col("position_okx", k - 1) - col("position_wallet", k - 1);
    const long = (col("position_binance", k - 1) - usdtBinance) / shocked("spot:binance:BTCUSDT", shockAt - HOUR);
    let balances = col("cash", k - 1) - col("position_wallet", k - 1);
    let weightedMark = 0;
    for (const v of ["binance", "bybit", "okx"] as const) {
      const m0 = shocked(`perp:${v}:BTCUSDT`, shockAt - HOUR);
      const m1 = shocked(`perp:${v}:BTCUSDT`, shockAt);
      balances += -w[v] * long * (m1 - m0);
      weightedMark += w[v] * m1;
    }
    const x = (0.8 * long * weightedMark - balances) / (shocked("spot:binance:BTCUSDT", shockAt) + 0.8 * weightedMark);
    expect(decisions[0]!.payload.sell as number).toBeCloseTo(x, 9);
    expectRestored(sink);
  });

  it("a rally that liquidates every venue: the hedge is rebuilt the same tick, margined by selling spot", () => {
    const sink = rally(1.7);
    expect(sink.events.filter((e) => e.type === "PositionLiquidated" && e.time === shockAt)).toHaveLength(3);
    const decisions = sink.events.filter((e) => e.type === "DecisionTaken" && e.time === shockAt);
    expect(decisions.map((d) => d.payload.reason)).toEqual(["delta_adjust"]);
    expectRestored(sink);
    // no further liquidation after the rebuild
    expect(sink.events.filter((e) => e.type === "PositionLiquidated" && e.time > shockAt)).toHaveLength(0);
  });
});

describe("capital flows", () => {
  const start = Date.UTC(2024, 2, 1);
  const end = Date.UTC(2024, 4, 1);
  const dep = Date.UTC(2024, 2, 10, 7);
  const wd = Date.UTC(2024, 3, 20, 13);

  it("lending, costs off: NAV stays I_t/I_0 through a deposit and a withdrawal; equity adds each flow's own accrual", () => {
    const sink = new CollectingSink();
    const E = 100_000;
    const r = runBacktestWithDetails({ mode: "pure_lending_usdt", params: { costs: false }, data, start, end, capital: E, sink, flows: [{ time: dep, amount: 50_000 }, { time: wd, amount: -30_000 }] });
    const I = (t: number) => at("aave:USDT", "liquidityIndex", t);
    const nav = sink.column("nav");
    for (let k = 0; k < nav.length; k += 97) expect(nav[k]!).toBeCloseTo(I(start + k * HOUR) / I(start), 12);
    const expected = (E * I(end)) / I(start) + (50_000 * I(end)) / I(dep) - (30_000 * I(end)) / I(wd);
    expect(r.summary.finalEquity).toBeCloseTo(expected, 6);
    expect(sink.column("net_flow")[(dep - start) / HOUR]).toBe(50_000);
    expect(sink.column("net_flow")[(wd - start) / HOUR]).toBe(-30_000);
    expect(r.summary.metrics.totalReturn).toBeCloseTo(I(end) / I(start) - 1, 12);
    expect(Math.abs(r.summary.attribution.residual)).toBeLessThan(1e-6);
  });

  it("basis: a deposit is deployed and a withdrawal unwound pro rata and paid in full, the book stays neutral", () => {
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "eth_basis", data, start, end, capital: 100_000, sink, flows: [{ time: dep, amount: 40_000 }, { time: wd, amount: -60_000 }] });
    const paid = sink.events.find((e) => e.type === "CapitalWithdrawn");
    expect(paid?.payload.paid).toBe(60_000);
    const kd = (dep - start) / HOUR;
    const kw = (wd - start) / HOUR;
    const gross = sink.column("exposure_gross");
    expect(gross[kd]! / gross[kd - 1]!).toBeGreaterThan(1.3);
    expect(gross[kw]! / gross[kw - 1]!).toBeLessThan(0.7);
    const nav = sink.column("nav");
    // flows move shares, not NAV (only the trades' costs show)
    expect(Math.abs(nav[kd]! / nav[kd - 1]! - 1)).toBeLessThan(0.003);
    expect(Math.abs(nav[kw]! / nav[kw - 1]! - 1)).toBeLessThan(0.003);
    for (const d of sink.column("delta_ratio")) expect(d).toBeLessThanOrEqual(0.02);
    expect(r.summary.metrics.rebalances).toBe(sink.events.filter((e) => e.type === "DecisionTaken" && !["initial", "deposit", "withdrawal"].includes(e.payload.reason as string)).length);
  });
});

describe("funding filter", () => {
  const start = Date.UTC(2024, 3, 1);
  const end = Date.UTC(2024, 4, 1);
  it("stays out while the trailing mean is below the threshold, and trades like 'off' when it is always met", () => {
    const out = runBacktestWithDetails({ mode: "eth_basis", params: { fundingFilter: "trailing", fundingThreshold: 0.01 }, data, start, end, capital: 10_000 });
    expect(out.summary.finalEquity).toBe(10_000);
    expect(out.summary.metrics.timeInMarket).toBe(0);
    expect(out.summary.metrics.fundingCaptured).toBe(0);
    const off = runBacktestWithDetails({ mode: "eth_basis", data, start, end, capital: 10_000 });
    const low = runBacktestWithDetails({ mode: "eth_basis", params: { fundingFilter: "trailing", fundingThreshold: -0.001 }, data, start, end, capital: 10_000 });
    expect(low.summary.metrics.fundingCaptured).toBeCloseTo(off.summary.metrics.fundingCaptured, 9);
  });
});

/** A copy of `d` with one price series' OHLC(+mark) multiplied by `factor` from `from` on. */
function shockSeries(d: MarketData, id: string, from: number, factor: number): MarketData {
  const s = d.series.get(id)!;
  const fields: Record<string, Float64Array> = {};
  for (const [name, arr] of Object.entries(s.fields)) {
    const out = Float64Array.from(arr);
    if (name !== "volume") for (let i = 0; i < out.length; i++) if (s.time[i]! >= from) out[i] = out[i]! * factor;
    fields[name] = out;
  }
  const series = new Map(d.series);
  series.set(id, { ...s, fields });
  return { ...d, name: `${d.name}-shocked`, series };
}
