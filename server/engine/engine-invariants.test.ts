// Invariants of every mode on the synthetic data set and (when ../shared/data is present) the real
// data: |residual| ≤ 1e-7 × capital per tick and in total, equity finite and positive, reconciliation
// never fails, basis net delta within maxDeltaDrift at the end of every tick; and determinism.
import { describe, expect, it } from "vitest";
import type { MarketData } from "@/server/market-data/series";
import { generateSyntheticData } from "@/server/market-data/synthetic/generate";
import type { ModeId } from "./config/modes";
import { runBacktestWithDetails } from "./run-backtest";
import { CollectingSink } from "./testing/collect-steps";

const CAPITAL = 100_000;
/** The engine-core modes (issue 5); later modes bring their own windows (LST series start later). */
const CORE_MODES = ["pure_lending_usdt", "pure_lending_eth", "btc_basis", "eth_basis"] as const satisfies readonly ModeId[];

function checkInvariants(data: MarketData, mode: (typeof CORE_MODES)[number], start: number, end: number) {
  const sink = new CollectingSink();
  const r = runBacktestWithDetails({ mode, data, start, end, capital: CAPITAL, sink });
  const tol = 1e-7 * CAPITAL;
  const residual = sink.column("attr_residual");
  const equity = sink.column("equity");
  const delta = sink.column("delta_ratio");
  expect(sink.rows.length).toBe((end - start) / 3_600_000 + 1);
  for (let k = 0; k < residual.length; k++) {
    expect(Math.abs(residual[k]!)).toBeLessThan(tol);
    expect(Number.isFinite(equity[k]!) && equity[k]! > 0).toBe(true);
    if (mode === "btc_basis" || mode === "eth_basis") expect(delta[k]!).toBeLessThanOrEqual(0.02);
  }
  expect(Math.abs(r.summary.attribution.residual)).toBeLessThan(tol);
  expect(sink.events.some((e) => e.type === "ReconciliationFailed")).toBe(false);
  // the sum of per-step increments is the run's attribution
  expect(sink.column("attr_funding").reduce((s, x) => s + x, 0)).toBeCloseTo(r.summary.attribution.funding, 6);
  // events are strictly sequenced and time-ordered
  for (let i = 1; i < sink.events.length; i++) {
    expect(sink.events[i]!.seq).toBe(sink.events[i - 1]!.seq + 1);
    expect(sink.events[i]!.time).toBeGreaterThanOrEqual(sink.events[i - 1]!.time);
  }
  return r;
}

describe("invariants on synthetic data", () => {
  const data = generateSyntheticData();
  const start = Date.UTC(2024, 0, 1);
  const end = Date.UTC(2025, 8, 30);
  for (const mode of CORE_MODES) {
    it(`${mode}: residual, equity, reconciliation, delta`, () => {
      const r = checkInvariants(data, mode, start, end);
      expect(r.summary.metrics.timeInMarket).toBeGreaterThan(0.99);
    });
  }

  it("runs are deterministic: byte-identical summary, steps and events", () => {
    const run = () => {
      const sink = new CollectingSink();
      const r = runBacktestWithDetails({ mode: "eth_basis", data, start, end, capital: CAPITAL, sink });
      const rows = new Float64Array(sink.rows.length * (sink.rows[0]?.length ?? 0));
      sink.rows.forEach((row, i) => rows.set(row, i * row.length));
      return { summary: JSON.stringify(r.summary), events: JSON.stringify(sink.events), rows: Buffer.from(rows.buffer).toString("base64") };
    };
    const a = run();
    const b = run();
    expect(b.summary).toBe(a.summary);
    expect(b.events).toBe(a.events);
    expect(b.rows === a.rows).toBe(true);
  });
});

// server/engine may not touch Node I/O (lint), so presence is probed by loading: the loader throws
// a DataDirectoryError when the directory is absent, and the import fails when the module is.
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
if (!real.data) console.warn(`skipping real-data engine invariants (${REAL_DIR}): ${real.why}`);

describe.skipIf(!real.data)("invariants on the real data (../shared/data)", () => {
  const data = real.data as MarketData;
  const start = Date.UTC(2024, 0, 1);
  const end = Date.UTC(2025, 8, 17);
  for (const mode of CORE_MODES) {
    it(`${mode}: residual, equity, reconciliation, delta; APY in the reference range`, () => {
      const r = checkInvariants(data, mode, start, end);
      const apy = r.summary.metrics.apy ?? Number.NaN;
      const ranges = { pure_lending_usdt: [0.03, 0.08], pure_lending_eth: [0.01, 0.03], btc_basis: [0.02, 0.1], eth_basis: [0.02, 0.1] } as const;
      expect(apy).toBeGreaterThanOrEqual(ranges[mode][0]);
      expect(apy).toBeLessThanOrEqual(ranges[mode][1]);
    });
  }
  it("excludes hedge venues without data and renormalises with a warning", () => {
    const r = runBacktestWithDetails({ mode: "btc_basis", data, start, end, capital: CAPITAL });
    expect(r.details.hedgeWeights.okx).toBeUndefined();
    expect(r.details.hedgeWeights.binance).toBeCloseTo(0.4 / 0.7, 12);
    expect(r.events.some((e) => e.type === "HedgeVenueExcluded" && e.venue === "okx")).toBe(true);
  });
});
