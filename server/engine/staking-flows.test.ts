// Capital flows in the staking family (domain §2.2): a deposit is deployed in the same tick; a
// withdrawal is paid in full at the end of its tick — from the wallet, or by unwinding LST, the
// loop at constant λ, or every market-neutral leg pro rata — with the residual and hedge intact.
import { describe, expect, it } from "vitest";
import { generateSyntheticData } from "@/server/market-data/synthetic/generate";
import { targetLtv } from "./math/leverage";
import { runBacktestWithDetails } from "./run-backtest";
import { CollectingSink } from "./testing/collect-steps";

const data = generateSyntheticData();
const HOUR = 3_600_000;
const start = Date.UTC(2024, 3, 1);
const end = start + 10 * 24 * HOUR;
const depositAt = start + 24 * HOUR;
const withdrawAt = start + 72 * HOUR;

function run(mode: string, capital: number, deposit: number, withdrawal: number) {
  const sink = new CollectingSink();
  const r = runBacktestWithDetails({ mode, data, start, end, capital, sink, flows: [ { time: depositAt, amount: deposit }, { time: withdrawAt, amount: -withdrawal } ] });
  const paid = r.events.find((e) => e.type === "CapitalWithdrawn");
  expect(paid?.payload.paid).toBeCloseTo(withdrawal, 9);
  expect(paid?.severity).toBeUndefined();
  expect(r.events.some((e) => e.type === "DecisionTaken" && e.time === depositAt && e.payload.reason === "deposit")).toBe(true);
  const residual = sink.column("attr_residual");
  for (const x of residual) expect(Math.abs(x)).toBeLessThan(1e-7 * capital);
  const flow = sink.column("net_flow");
  expect(flow[(depositAt - start) / HOUR]).toBeCloseTo(deposit, 9);
  expect(flow[(withdrawAt - start) / HOUR]).toBeCloseTo(-withdrawal, 9);
  return { r, sink };
}

describe("staking-family flows", () => {
  it("eth_staking_only: the deposit is staked the same tick, the withdrawal sells LST for the shortfall", () => {
    const { sink } = run("eth_staking_only", 100, 10, 30);
    // after the deposit tick only gas dust stays idle
    expect(sink.column("cash")[(depositAt - start) / HOUR]).toBeLessThan(0.01);
  });
  it("eth_leveraged: deposit levered atomically, withdrawal released at constant λ", () => {
    const { sink } = run("eth_leveraged", 100, 10, 30);
    const lam = targetLtv(0.93, 0.02215);
    expect(sink.column("ltv")[(depositAt - start) / HOUR]).toBeCloseTo(lam, 3);
    expect(sink.column("ltv")[(withdrawAt - start) / HOUR]).toBeCloseTo(lam, 3);
  });
  for (const mode of ["usdt_market_neutral_no_leverage", "usdt_market_neutral"]) {
    it(`${mode}: deposit keeps the split, withdrawal unwinds every leg pro rata; delta stays hedged`, () => {
      const { sink } = run(mode, 100_000, 50_000, 60_000);
      for (const d of sink.column("delta_ratio")) expect(d).toBeLessThanOrEqual(0.02);
      const k = (withdrawAt - start) / HOUR;
      const eq = sink.column("equity");
      // equity falls by the withdrawal and the unwind's small costs only
      expect(eq[k - 1]! - eq[k]!).toBeGreaterThan(60_000);
      // (the leveraged sleeve swaps ≈ 11× the released ETH through the DEX: up to ≈ 3 %)
      expect(eq[k - 1]! - eq[k]!).toBeLessThan(60_000 * (mode === "usdt_market_neutral" ? 1.03 : 1.01));
    });
  }
});
