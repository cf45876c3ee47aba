// Known answers for the pure formulas: AAVE health factor and liquidation distance, CEX margin
// ratio and move to liquidation, index interpolation, basis sizing, and NAV metrics by hand.
import { describe, expect, it } from "vitest";
import { aaveLiquidationDistance, amountFromScaled, apyFromIndexRatio, healthFactor, interpolateIndex, scaledFromAmount } from "./aave";
import { basisTarget, fundingCash, marginRatio, marginSupportSale, moveToLiquidation, variationMargin } from "./perps";
import { computeNavMetrics } from "./metrics";

describe("AAVE formulas", () => {
  it("values scaled balances by the index (domain §3.2 example)", () => {
    const a = scaledFromAmount(100, 1.05);
    expect(a).toBeCloseTo(95.238095, 6);
    expect(amountFromScaled(a, 1.1)).toBeCloseTo(104.761905, 6);
  });
  it("computes HF = LT·C/D and null without debt", () => {
    // e-mode at λ = 0.9094005: HF = 0.95 / 0.9094005 = 1.04464...
    expect(healthFactor(1, 0.95, 0.9094005)).toBeCloseTo(1.044644, 6);
    expect(healthFactor(1000, 0.85, 0)).toBeNull();
    expect(aaveLiquidationDistance(2)).toBe(0.5);
    expect(aaveLiquidationDistance(null)).toBeNull();
  });
  it("interpolates indexes geometrically", () => {
    const mid = interpolateIndex(0, 1, 24, 1.0001, 12);
    expect(mid).toBeCloseTo(Math.sqrt(1.0001), 15);
    expect(interpolateIndex(0, 1, 24, 1.0001, 30)).toBe(1.0001);
    expect(apyFromIndexRatio(1.05, 365)).toBeCloseTo(0.05, 15);
  });
});

describe("perp and margin formulas", () => {
  it("pays funding on size × mark, shorts receive when the rate is positive", () => {
    expect(fundingCash(-2, 50_000, 0.0001)).toBeCloseTo(10, 12);
    expect(fundingCash(2, 50_000, 0.0001)).toBeCloseTo(-10, 12);
    expect(variationMargin(-2, 50_000, 51_000)).toBe(-2_000);
  });
  it("margin ratio and the move a short survives (domain §3.7 example: 0.8 → +63.6 %)", () => {
    expect(marginRatio(8_000, -1, 10_000)).toBe(0.8);
    expect(marginRatio(8_000, 0, 10_000)).toBeNull();
    expect(moveToLiquidation(0.8, 0.1, true)).toBeCloseTo(0.636364, 6);
    // the +50 % warning: (1 + 0.8)/(1 + 0.2) − 1
    expect(moveToLiquidation(0.8, 0.2, true)).toBeCloseTo(0.5, 12);
    expect(moveToLiquidation(0.5, 0.1, false)).toBeCloseTo(1 - 0.5 / 0.9, 12);
  });
  it("sizes the basis trade and the margin-support sale", () => {
    const t = basisTarget(180_000, 0.8, 50_000);
    expect(t.notional).toBeCloseTo(100_000, 9);
    expect(t.quantity).toBeCloseTo(2, 12);
    // +50 %: S = 1, M = 1.5, ΣB = 0.3 → x = (0.8·1.5 − 0.3)/(1.5 + 0.8·1.5) = 1/3
    expect(marginSupportSale(1, 1.5, 0.3, 1.5, 0.8)).toBeCloseTo(1 / 3, 12);
    expect(marginSupportSale(1, 1, 5, 1, 0.8)).toBe(0);
  });
});

describe("NAV metrics", () => {
  const hourly = (days: number, f: (h: number) => number) => Float64Array.from({ length: days * 24 + 1 }, (_, h) => f(h));

  it("constant growth: APY from the ratio, zero volatility, Sharpe undefined", () => {
    const g = Math.pow(1.05, 1 / 8760);
    const nav = hourly(365, (h) => Math.pow(g, h));
    const m = computeNavMetrics(nav, nav.length, 3_600_000, 0);
    expect(m.apy).toBeCloseTo(0.05, 10);
    expect(m.totalReturn).toBeCloseTo(0.05, 10);
    expect(m.annualVolatility).toBeCloseTo(0, 12);
    expect(m.maxDrawdown).toBe(0);
    expect(m.sortino).toBeNull();
  });
  it("daily returns, sample std, Sortino downside and drawdown duration by hand", () => {
    // NAV at day boundaries 1 → 1.02 → 0.99 → 1.03, flat within days
    const levels = [1.02, 0.99, 1.03];
    const nav = hourly(3, (h) => (h === 0 ? 1 : (levels[Math.min(2, Math.floor((h - 1) / 24))] as number)));
    // ticks 1..24 at 1.02 → nav[24] = 1.02; ticks 25..48 at 0.99 → nav[48] = 0.99; nav[72] = 1.03
    const m = computeNavMetrics(nav, nav.length, 3_600_000, 0);
    const r = [0.02, 0.99 / 1.02 - 1, 1.03 / 0.99 - 1];
    const mean = (r[0]! + r[1]! + r[2]!) / 3;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
    expect(m.annualVolatility).toBeCloseTo(sd * Math.sqrt(365), 12);
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 10);
    const dd = Math.sqrt((r[1]! * r[1]!) / 3);
    expect(m.sortino).toBeCloseTo((mean / dd) * Math.sqrt(365), 10);
    expect(m.maxDrawdown).toBeCloseTo(1 - 0.99 / 1.02, 12);
    // peak at tick 1 (first 1.02), recovered at tick 49 (first 1.03): 48 h = 2 days
    expect(m.maxDrawdownDays).toBeCloseTo(2, 12);
    expect(m.maxDrawdownUnrecovered).toBe(false);
    expect(m.apyFlagged).toBe(true);
  });
});
