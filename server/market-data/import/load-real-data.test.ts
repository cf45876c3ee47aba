// loadDirectory against the real files in ../shared/data: counts, first/last times and repairs as the data README predicts.

import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { asOfIndex } from "../series";
import { QualityReport } from "../quality-report";
import { loadDirectory } from "./load-directory";

const DIR = path.resolve(process.cwd(), "../shared/data");
const present = existsSync(DIR);
if (!present) console.warn(`[load-real-data.test] ${DIR} is absent: skipping the real-data import tests`);

type Expect = [id: string, count: number, first: string, last: string, extra?: Record<string, unknown>];
const iso = (s: string) => `${s}.000Z`;
const HOLES = 15;

// Counts and ranges from the data README's inventory and sections 1–11 (after the documented repairs).
const EXPECTED: Expect[] = [
  ["spot:binance:BTCUSDT", 14967, "2024-01-01T00:00:00", "2025-09-29T23:00:00", { expectedCount: 15312, gaps: HOLES }],
  ["perp:binance:BTCUSDT", 14967, "2024-01-01T00:00:00", "2025-09-29T23:00:00", { expectedCount: 15312, gaps: HOLES }],
  ["perp:binance:ETHUSDT", 14871, "2024-01-01T00:00:00", "2025-09-25T23:00:00", { expectedCount: 15216, gaps: HOLES }],
  ["spot:bybit:ETHUSDT", 15216, "2024-01-01T00:00:00", "2025-09-25T23:00:00", { duplicatesDropped: 15, gaps: 0 }],
  ["perp:bybit:BTCUSDT", 15312, "2024-01-01T00:00:00", "2025-09-29T23:00:00", { duplicatesDropped: 15, gaps: 0 }],
  ["perp:bybit:ETHUSDT", 15216, "2024-01-01T00:00:00", "2025-09-25T23:00:00", { duplicatesDropped: 15, gaps: 0 }],
  ["perp:okx:ETHUSDT", 8064, "2024-08-01T00:00:00", "2025-08-31T23:00:00", { expectedCount: 8064 + 1440, gaps: 2 }],
  ["perp:binance:ETHUSDT:1m", 1000, "2025-09-26T23:00:00", "2025-09-27T15:39:00", { gaps: 0 }],
  ["perp:bybit:ETHUSDT:1m", 2000, "2025-09-27T06:21:00", "2025-09-28T23:00:00", { gaps: 1 }],
  ["perp:okx:ETHUSDT:1m", 300, "2025-09-29T06:08:00", "2025-09-29T11:07:00", { gaps: 0 }],
  ["funding:binance:BTCUSDT", 1914, "2024-01-01T00:00:00", "2025-09-29T16:00:00", { gaps: 0 }],
  ["funding:binance:ETHUSDT", 1902, "2024-01-01T00:00:00", "2025-09-25T16:00:00", { gaps: 0 }],
  ["funding:bybit:BTCUSDT", 1914, "2024-01-01T00:00:00", "2025-09-29T16:00:00", { gaps: 0 }],
  ["funding:bybit:ETHUSDT", 1902, "2024-01-01T00:00:00", "2025-09-25T16:00:00", { gaps: 0 }],
  // 1563 rows − 210 spurious pair members; 44 missing days × 3 settlements
  ["funding:okx:BTCUSDT", 1353, "2024-05-01T00:00:00", "2025-09-07T16:00:00", { conflictsResolved: 210, expectedCount: 1353 + 132 }],
  ["funding:okx:ETHUSDT", 1353, "2024-05-01T00:00:00", "2025-09-07T16:00:00", { conflictsResolved: 210, expectedCount: 1353 + 132 }],
  ["aave:USDT", 638, "2024-01-01T00:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["aave:WETH", 638, "2024-01-01T00:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["aave:weETH", 506, "2024-05-12T00:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["aave:wstETH", 506, "2024-05-12T00:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["aave:weETH:hourly", 12120, "2024-05-12T01:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["aave:wstETH:hourly", 12120, "2024-05-12T01:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["lst:weETH", 12120, "2024-05-12T01:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["lst:wstETH", 12120, "2024-05-12T01:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["lstMarket:weETH", 12063, "2024-05-13T04:00:00", "2025-09-27T18:00:00", { gaps: 0 }],
  ["lstMarket:wstETH", 12068, "2024-05-12T23:00:00", "2025-09-27T18:00:00", { gaps: 0 }],
  ["gas:ethereum", 15240, "2024-01-01T00:00:00", "2025-09-26T23:00:00", { gaps: 0 }],
  // 586 rows, the 2024-05-02 zero glitch dropped
  ["benchmark:susde", 585, "2024-02-16T00:00:00", "2025-09-23T00:00:00", { gaps: 1 }],
  ["benchmark:susde:hourly", 13921, "2024-02-16T00:00:00", "2025-09-18T00:00:00", { gaps: 0 }],
  // 482 rows, four zero glitches dropped
  ["benchmark:eeth", 478, "2024-06-05T00:00:00", "2025-09-29T00:00:00", { gaps: 4 }],
  ["rewards:etherfi", 578, "2024-03-01T00:00:00", "2025-09-29T00:00:00", { gaps: 0 }],
  ["costs:ETH_USDT", 627, "2024-01-01T00:00:00", "2025-09-18T00:00:00", { gaps: 0 }],
  ["costs:BTCUSDT-PERP", 627, "2024-01-01T00:00:00", "2025-09-18T00:00:00", { gaps: 0 }],
];

// Loaded once, outside describe: vitest still runs a skipped describe's body to collect its tests.
const loaded = present ? await loadDirectory(DIR) : undefined;

describe.skipIf(!loaded)("loadDirectory on ../shared/data", () => {
  if (!loaded) return;
  const { data, report, params } = loaded;

  it("report is schema-valid and every series is canonical (sorted, strictly increasing, finite)", () => {
    expect(QualityReport.safeParse(report).success).toBe(true);
    const bad: string[] = [];
    for (const s of data.series.values()) {
      for (let i = 1; i < s.time.length; i++) if (!((s.time[i] as number) > (s.time[i - 1] as number))) bad.push(`${s.id} time[${i}]`);
      for (const [f, col] of Object.entries(s.fields)) if (col.length !== s.time.length || !col.every(Number.isFinite)) bad.push(`${s.id}.${f}`);
    }
    expect(bad).toEqual([]);
  });

  it.each(EXPECTED)("%s: %i rows %s … %s", (id, count, first, last, extra) => {
    const q = report.series[id];
    expect(q).toBeDefined();
    expect(q).toMatchObject({ count, firstTime: iso(first), lastTime: iso(last), outOfBounds: 0 });
    if (extra?.gaps !== undefined) expect(q?.gaps.length).toBe(extra.gaps);
    for (const k of ["expectedCount", "duplicatesDropped", "conflictsResolved"] as const) if (extra?.[k] !== undefined) expect(q?.[k]).toBe(extra[k]);
  });

  it("Binance holes are where the README lists them (23 missing hours each)", () => {
    const gaps = report.series["spot:binance:BTCUSDT"]?.gaps ?? [];
    expect(gaps[0]).toEqual({ from: "2024-02-10T01:00:00.000Z", to: "2024-02-10T23:00:00.000Z" });
    expect(gaps[14]).toEqual({ from: "2025-09-06T00:00:00.000Z", to: "2025-09-06T22:00:00.000Z" });
    expect(report.series["spot:binance:BTCUSDT"]?.staleNotes).toHaveLength(15);
  });

  it("OKX funding keeps the genuine member: no 0.0001 before 2025-04-25 inside the conflict window, no negative spurious value after", () => {
    const s = data.series.get("funding:okx:BTCUSDT");
    if (!s) throw new Error("missing");
    const i0 = asOfIndex(s.time, Date.UTC(2025, 2, 29));
    const i1 = asOfIndex(s.time, Date.UTC(2025, 3, 24, 16));
    for (let i = i0; i <= i1; i++) expect(s.fields.rate?.[i]).not.toBe(0.0001);
    expect(report.series["funding:okx:BTCUSDT"]?.gaps[0]).toEqual({ from: "2024-08-01T00:00:00.000Z", to: "2024-08-31T16:00:00.000Z" });
  });

  it("OKX 1h holes are the two UTC+8 months", () => {
    expect(report.series["perp:okx:ETHUSDT"]?.gaps).toEqual([
      { from: "2024-08-31T16:00:00.000Z", to: "2024-09-30T15:00:00.000Z" },
      { from: "2025-03-31T16:00:00.000Z", to: "2025-04-30T15:00:00.000Z" },
    ]);
  });

  it("repairs fired as predicted; the defective wstETH file is refused by name", () => {
    expect(report.series["spot:bybit:ETHUSDT"]?.repairs).toEqual({ dropExactDuplicates: 15 });
    expect(report.series["funding:okx:ETHUSDT"]?.repairs).toEqual({ resolveOkxFundingConflicts: 210 });
    expect(report.series["perp:okx:ETHUSDT"]?.repairs).toEqual({ convertOkxContractsToBase: 8064 });
    expect(report.series["benchmark:susde"]?.repairs.dropZeroApyGlitches).toBe(1);
    expect(report.series["benchmark:eeth"]?.repairs.dropZeroApyGlitches).toBe(4);
    expect(report.series["lst:wstETH"]?.repairs.refuseDefectiveFile).toBe(1);
    expect(report.warnings.some((w) => w.includes("protocol_data/staking/base_yields/wsteth_oracle_yields_2024-01-01_2025-09-18.csv"))).toBe(true);
    expect(report.warnings.filter((w) => w.includes("unrecognised"))).toEqual([]);
  });

  it("every file is accounted for in the report (49 data files)", () => {
    expect(Object.keys(report.files ?? {})).toHaveLength(49);
    expect(params.gasUnitsPerOperation?.STAKE_DEPOSIT).toBe(150000);
    expect(params.aaveMarketParameters?.weETH?.["Reserve Factor"]).toBeCloseTo(0.45, 12);
  });

  it("cross-file invariants: hourly AAVE index at 00:00 equals the daily snapshot", () => {
    const d = data.series.get("aave:weETH");
    const h = data.series.get("aave:weETH:hourly");
    if (!d || !h) throw new Error("missing");
    const t = Date.UTC(2025, 0, 1);
    expect(h.fields.liquidityIndex?.[asOfIndex(h.time, t)]).toBeCloseTo(d.fields.liquidityIndex?.[asOfIndex(d.time, t)] as number, 12);
  });
});
