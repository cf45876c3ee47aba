// Invariants of the staking family on the synthetic data set and (skipping when ../shared/data is
// absent) the real data: |residual| ≤ 1e-7 × capital per tick and in total, equity finite and
// positive, reconciliation never fails, market-neutral net ETH delta within maxDeltaDrift at the end
// of every tick, HF never below 1 without a liquidation, and determinism.
import { describe, expect, it } from "vitest";
import type { MarketData } from "@/server/market-data/series";
import { generateSyntheticData } from "@/server/market-data/synthetic/generate";
import { runBacktestWithDetails } from "./run-backtest";
import { CollectingSink } from "./testing/collect-steps";
import { DECISION_REASONS } from "./types";

const DELTA_ADJUST = DECISION_REASONS.indexOf("delta_adjust") + 1;
const MARGIN_SUPPORT = DECISION_REASONS.indexOf("margin_support") + 1;
const STAKING_MODES = ["eth_staking_only", "eth_leveraged", "usdt_market_neutral_no_leverage", "usdt_market_neutral"] as const;
type StakingMode = (typeof STAKING_MODES)[number];
const CAPITAL: Record<StakingMode, number> = { eth_staking_only: 30, eth_leveraged: 30, usdt_market_neutral_no_leverage: 100_000, usdt_market_neutral: 100_000 };

function checkInvariants(data: MarketData, mode: StakingMode, start: number, end: number, params: Record<string, unknown> = {}) {
  const sink = new CollectingSink();
  const capital = CAPITAL[mode];
  const r = runBacktestWithDetails({ mode, params, data, start, end, capital, sink });
  // 0.01 per 100,000 of capital, in the share class
  const tol = 1e-7 * capital;
  const residual = sink.column("attr_residual");
  const equity = sink.column("equity");
  const delta = sink.column("delta_ratio");
  const hf = sink.column("health_factor");
  const times = sink.column("time_ms");
  const reason = sink.column("reason");
  const liquidatedAt = new Set(sink.events.filter((e) => e.type === "PositionLiquidated").map((e) => e.time));
  expect(sink.rows.length).toBe((end - start) / 3_600_000 + 1);
  for (let k = 0; k < residual.length; k++) {
    expect(Math.abs(residual[k]!)).toBeLessThan(tol);
    expect(Number.isFinite(equity[k]!) && equity[k]! > 0).toBe(true);
    if (mode === "usdt_market_neutral_no_leverage" || mode === "usdt_market_neutral") {
      expect(delta[k]!).toBeLessThanOrEqual(0.02);
      // after a hedge rebalance the book is back inside the tolerance
      if (reason[k] === DELTA_ADJUST || reason[k] === MARGIN_SUPPORT) expect(delta[k]!).toBeLessThanOrEqual(0.005);
    }
    if (!Number.isNaN(hf[k]!) && hf[k]! < 1) expect(liquidatedAt.has(times[k]!)).toBe(true);
  }
  expect(Math.abs(r.summary.attribution.residual)).toBeLessThan(tol);
  expect(sink.events.some((e) => e.type === "ReconciliationFailed")).toBe(false);
  expect(r.summary.metrics.timeInMarket).toBeGreaterThan(0.99);
  return r;
}

describe("staking-family invariants on synthetic data", () => {
  const data = generateSyntheticData();
  const start = Date.UTC(2024, 0, 1);
  const end = Date.UTC(2025, 8, 30);
  for (const mode of STAKING_MODES) {
    it(`${mode}: residual, equity, reconciliation, delta, HF`, () => {
      const r = checkInvariants(data, mode, start, end);
      expect(r.summary.shareClass).toBe(mode.startsWith("eth_") ? "ETH" : "USDT");
    });
  }
  for (const mode of STAKING_MODES) {
    it(`${mode} with ether.fi rewards on: the same invariants, rewards credited`, () => {
      const r = checkInvariants(data, mode, start, end, { rewardsMode: "base_plus_rewards" });
      expect(r.events.filter((e) => e.type === "RewardsCredited").length).toBeGreaterThan(50);
    });
  }
  it("usdt_market_neutral with recursive entry, wstETH and the AAVE flash source", () => {
    checkInvariants(data, "usdt_market_neutral", start, end, { entryMethod: "recursive", lstType: "wstETH", flashSource: "aave", minLoopSize: 1 });
  });
  it("eth_leveraged closing at the end unwinds to wallet ETH only", () => {
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "eth_leveraged", params: { closeAtEnd: true }, data, start, end, capital: 30, sink });
    expect(sink.column("position_aave_v3").at(-1)).toBe(0);
    expect(sink.column("cash").at(-1)).toBeCloseTo(r.summary.finalEquity, 12);
  });
  it("usdt_market_neutral closing at the end returns everything to wallet USDT", () => {
    const sink = new CollectingSink();
    const r = runBacktestWithDetails({ mode: "usdt_market_neutral", params: { closeAtEnd: true }, data, start, end, capital: 100_000, sink });
    expect(sink.column("exposure_gross").at(-1)).toBe(0);
    expect(sink.column("position_wallet").at(-1)).toBeCloseTo(r.summary.finalEquity, 6);
  });
  it("runs are deterministic (usdt_market_neutral)", () => {
    const run = () => {
      const sink = new CollectingSink();
      const r = runBacktestWithDetails({ mode: "usdt_market_neutral", data, start, end, capital: 100_000, sink });
      return JSON.stringify(r.summary) + JSON.stringify(sink.events) + Buffer.from(Float64Array.from(sink.rows.flatMap((x) => [...x])).buffer).toString("base64");
    };
    expect(run() === run()).toBe(true);
  });
});

// server/engine may not touch Node I/O (lint), so presence is probed by loading
const REAL_DIR = `${process.cwd()}/../shared/data`;
async function loadRealData(): Promise<{ data: MarketData | null; why: string }> {
  try {
    const { loadDirectory } = await import("@/server/market-data/import/load-directory");
    return { data: (await loadDirectory(REAL_DIR)).data, why: "" };
  } catch (e) {
    return { data: null, why: e instanceof Error ? e.message : String(e) };
  }
}
const real = await loadRealData();
if (!real.data) console.warn(`skipping real-data staking invariants (${REAL_DIR}): ${real.why}`);

describe.skipIf(!real.data)("staking-family invariants on the real data (../shared/data)", () => {
  const data = real.data as MarketData;
  // the LST oracle and peg series start mid-May 2024
  const start = Date.UTC(2024, 5, 1);
  const end = Date.UTC(2025, 8, 17);
  for (const mode of STAKING_MODES) {
    it(`${mode}: residual, equity, reconciliation, delta, HF`, () => {
      const r = checkInvariants(data, mode, start, end);
      const apy = r.summary.metrics.apy ?? Number.NaN;
      expect(Number.isFinite(apy)).toBe(true);
    });
  }
  it("eth_staking_only with rewards on lands in the domain's 3–8 % with-rewards range", () => {
    const r = checkInvariants(data, "eth_staking_only", start, end, { rewardsMode: "base_plus_rewards" });
    expect(r.summary.metrics.apy).toBeGreaterThan(0.03);
    expect(r.summary.metrics.apy).toBeLessThan(0.08);
    expect(r.details.warnings.some((w) => w.includes("reference range"))).toBe(false);
  });
  it("eth_staking_only APY equals the LST rate's window growth less gas (never the yield file)", () => {
    const r = runBacktestWithDetails({ mode: "eth_staking_only", params: { costs: false }, data, start, end, capital: 30 });
    const lst = data.series.get("lst:weETH");
    expect(lst).toBeDefined();
    const days = (end - start) / 86_400_000;
    expect(r.summary.metrics.apy).toBeGreaterThan(0.02);
    expect(r.summary.metrics.apy).toBeLessThan(0.04);
    expect(r.summary.attribution.stakingYield / 30 + 1).toBeCloseTo(Math.pow(1 + (r.summary.metrics.apy as number), days / 365), 9);
  });
});
