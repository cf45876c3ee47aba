// Component-level known answers: the sequential attribution rule on LST collateral (domain §4.5
// example), the residual guard, reconciliation catching a mismatch, HF and margin ratios by hand,
// the backtest clock and engine.status().
import { describe, expect, it } from "vitest";
import { generateSyntheticData } from "@/server/market-data/synthetic/generate";
import { BacktestClock } from "../core/clock";
import { EngineError, propagationFor, retryDelaySeconds } from "../core/errors";
import { KeyRegistry } from "../core/position-keys";
import { createEngine } from "../kernel";
import { wireBacktest } from "../wire-backtest";
import { getModeSchema } from "../config/modes";
import { DataProvider } from "./data-provider";
import { EventLogger } from "./event-logger";
import { PnlCalculator } from "./pnl-calculator";
import { Reconciliation } from "./reconciliation";
import { RiskMonitor } from "./risk-monitor";
import { buildSlotValuation } from "./valuation";
import type { Venue } from "../venues/venue";

const arr = (...v: number[]) => Float64Array.from(v);

describe("PnL calculator", () => {
  const keys = new KeyRegistry(["aave_v3:aToken:aweETH", "aave_v3:debtToken:debtWETH"]);
  const I = arr(1.05, 1.06);
  const J = arr(1.02, 1.025);
  const r = arr(1.05, 1.051);
  const P = arr(3000, 3100);
  const slots = keys.keys.map((k) => buildSlotValuation(k, "USDT", () => P, (key) => (key.type === "aToken" ? I : J), () => r));

  it("splits LST collateral value change index → r → price exactly (domain §4.5)", () => {
    const pnl = new PnlCalculator(1e6, slots);
    const a = 100;
    const d = 80;
    const ledger = arr(a, d);
    pnl.beginTick(1, ledger);
    expect(pnl.incr[1]).toBeCloseTo(a * (1.06 - 1.05) * 1.05 * 3000, 9);
    expect(pnl.incr[3]).toBeCloseTo(a * 1.06 * (1.051 - 1.05) * 3000, 9);
    expect(pnl.incr[2]).toBeCloseTo(-d * (1.025 - 1.02) * 3000, 9);
    const v0 = a * 1.05 * 1.05 * 3000 - d * 1.02 * 3000;
    const v1 = a * 1.06 * 1.051 * 3100 - d * 1.025 * 3100;
    const sum = pnl.incr.reduce((s, x) => s + x, 0);
    expect(sum).toBeCloseTo(v1 - v0, 8);
    pnl.prevEquity = v0;
    pnl.closeTick(v1, 0, 0);
    expect(Math.abs(pnl.residual)).toBeLessThan(1e-8);
  });

  it("fails the run when the residual exceeds 1e-7 × capital (PNL-001) or equity is NaN (PNL-002)", () => {
    const pnl = new PnlCalculator(100_000, slots);
    pnl.beginTick(0, arr(0, 0));
    expect(() => pnl.closeTick(100_000.02, 0, 0)).toThrow(/PNL-001/);
    expect(() => new PnlCalculator(1, slots).closeTick(Number.NaN, 0, 0)).toThrow(/PNL-002/);
  });
});

describe("risk monitor", () => {
  it("computes HF = LT·C/D and LTV over AAVE receipts", () => {
    const keys = new KeyRegistry(["aave_v3:aToken:aweETH", "aave_v3:debtToken:debtWETH"]);
    const one = arr(1);
    const slots = keys.keys.map((k) => buildSlotValuation(k, "ETH", () => one, () => arr(1.1), () => arr(1.05)));
    const risk = new RiskMonitor([], { warning: 0.2, critical: 0.15, maintenance: 0.1, liquidationThreshold: 0.95 }, new EventLogger(null, null), slots, 4);
    risk.update(0, 0, arr(10, 10), 0);
    const c = 10 * 1.1 * 1.05;
    expect(risk.healthFactor).toBeCloseTo((0.95 * c) / (10 * 1.1), 12);
    expect(risk.ltv).toBeCloseTo((10 * 1.1) / c, 12);
    expect(risk.liquidationDistance).toBeCloseTo(1 - 1 / risk.healthFactor, 12);
  });

  it("reports margin ratio per venue and emits one event when it crosses the warning level", () => {
    const log = new EventLogger(null, null);
    const mark = arr(100, 130);
    const risk = new RiskMonitor([{ venue: "bybit", asset: "BTC", sizeSlot: 0, usdtSlot: 1, mark, funding: arr(Number.NaN, Number.NaN) }], { warning: 0.2, critical: 0.15, maintenance: 0.1 }, log);
    risk.update(0, 0, arr(-1, 80), 0);
    expect(risk.margin[1]).toBeCloseTo(0.8, 12);
    risk.update(1, 1, arr(-1, 25), 0);
    expect(risk.margin[1]).toBeCloseTo(25 / 130, 12);
    risk.update(1, 2, arr(-1, 25), 0);
    expect(log.events.filter((e) => e.type === "RiskThresholdCrossed")).toHaveLength(1);
  });
});

describe("reconciliation", () => {
  it("fails with POS-001 when a ledger amount differs from the venue's by more than 1 %", () => {
    const keys = new KeyRegistry(["wallet:BaseToken:USDT"]);
    const venue: Venue = {
      venues: ["wallet"],
      operations: [],
      submit: () => {},
      receiveTransfer: () => {},
      settle: () => {},
      reportPositions: (out) => {
        out[0] = 100;
      },
      saveBook: () => arr(),
      restoreBook: () => {},
    };
    const rec = new Reconciliation(keys, [venue], new EventLogger(null, null));
    expect(() => rec.check(arr(100.5), 0, false)).not.toThrow();
    expect(() => rec.check(arr(102), 0, false)).toThrow(/POS-001/);
    expect(() => rec.check(arr(102), 0, true)).toThrow(/EXEC-003/);
  });
});

describe("error propagation", () => {
  it("fails a backtest on any severity; live halts, retries (3×, doubling), degrades or logs", () => {
    expect(propagationFor("LOW", "backtest")).toBe("fail_run");
    expect(["CRITICAL", "HIGH", "MEDIUM", "LOW"].map((s) => propagationFor(s as "LOW", "live"))).toEqual(["halt", "retry", "continue_degraded", "log_only"]);
    expect([0, 1, 2, 3].map((a) => retryDelaySeconds(a))).toEqual([0.1, 0.2, 0.4, null]);
  });
});

describe("clock and engine status", () => {
  it("refuses a window off the hourly grid or backwards (EDS-001)", () => {
    expect(() => new BacktestClock(10, 3_600_000)).toThrow(EngineError);
    expect(() => new BacktestClock(7_200_000, 3_600_000)).toThrow(/EDS-001/);
    const c = new BacktestClock(0, 7_200_000);
    expect([c.advance(), c.advance(), c.advance(), c.advance()]).toEqual([true, true, true, false]);
  });

  it("engine.status() aggregates every component's health with mode and share class", () => {
    const data = generateSyntheticData();
    const start = Date.UTC(2024, 0, 1);
    const end = Date.UTC(2024, 0, 3);
    const provider = new DataProvider(data, start, end, 3_600_000, 24);
    const logger = new EventLogger(null, null);
    const w = wireBacktest("btc_basis", getModeSchema("btc_basis").parse({}), provider, 10_000, logger);
    const engine = createEngine({ clock: new BacktestClock(start, end), data: provider, venues: w.venues, sink: null, logger, config: w.config });
    engine.run();
    const s = engine.status();
    expect(s).toMatchObject({ mode: "btc_basis", shareClass: "USDT", executionMode: "backtest", status: "healthy" });
    expect(s.components.map((c) => c.component)).toContain("reconciliation");
    expect(s.components.every((c) => c.state === "stopped")).toBe(true);
    expect(s.components.find((c) => c.component === "pnl-calculator")?.metrics.updates).toBe(49);
  });
});
