// loadDirectory on the hand-written fixture directory: every file kind, every repair, and the errors.

import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { QualityReport } from "../quality-report";
import { DataDirectoryError, DataImportError } from "./import-errors";
import { loadDirectory } from "./load-directory";

const DIR = path.join(import.meta.dirname, "fixtures/mini-data");
const H = 3_600_000;

describe("loadDirectory (fixtures)", async () => {
  const { data, report, params } = await loadDirectory(DIR);
  const q = (id: string) => {
    const e = report.series[id];
    if (!e) throw new Error(`no report entry for ${id}`);
    return e;
  };
  const col = (id: string, f: string) => Array.from(data.series.get(id)?.fields[f] ?? []);

  it("names the data set after the directory; real, version 0; report matches its schema", () => {
    expect(data).toMatchObject({ name: "mini-data", version: 0, source: "real" });
    expect(QualityReport.safeParse(report).success).toBe(true);
    expect([...data.series.keys()]).toEqual([...data.series.keys()].sort());
  });

  it("emits one series per data file kind with canonical ids", () => {
    expect([...data.series.keys()].sort()).toEqual(
      [
        "aave:USDT",
        "aave:weETH:hourly",
        "benchmark:susde",
        "benchmark:susde:hourly",
        "costs:ETH_USDT",
        "funding:binance:BTCUSDT",
        "funding:okx:BTCUSDT",
        "gas:ethereum",
        "lst:wstETH",
        "lstMarket:weETH",
        "perp:bybit:ETHUSDT",
        "perp:okx:ETHUSDT",
        "rewards:etherfi",
        "spot:binance:BTCUSDT",
      ].sort(),
    );
  });

  it("reports the Binance hole as a gap with a stale-since note, never fills it", () => {
    expect(q("spot:binance:BTCUSDT")).toMatchObject({ count: 4, expectedCount: 6, gaps: [{ from: "2024-01-01T02:00:00.000Z", to: "2024-01-01T03:00:00.000Z" }] });
    expect(q("spot:binance:BTCUSDT").staleNotes?.[0]).toContain("2024-01-01T01:00:00.000Z");
  });

  it("drops the exact Bybit duplicate", () => {
    expect(q("perp:bybit:ETHUSDT")).toMatchObject({ count: 3, duplicatesDropped: 1, repairs: { dropExactDuplicates: 1 } });
  });

  it("converts OKX contracts to ETH", () => {
    expect(col("perp:okx:ETHUSDT", "volume")[1]).toBeCloseTo(100, 10);
    expect(q("perp:okx:ETHUSDT").repairs).toEqual({ convertOkxContractsToBase: 2 });
  });

  it("resolves OKX funding pairs by the README rule and reports the missing settlement", () => {
    const s = data.series.get("funding:okx:BTCUSDT");
    expect(Array.from(s?.time ?? [])).toEqual([Date.UTC(2025, 3, 24, 8), Date.UTC(2025, 3, 24, 16), Date.UTC(2025, 3, 25, 0), Date.UTC(2025, 3, 25, 8), Date.UTC(2025, 3, 26, 0)]);
    expect(col("funding:okx:BTCUSDT", "rate")).toEqual([5e-5, 2e-5, 1e-4, 3e-5, 4e-5]);
    expect(q("funding:okx:BTCUSDT")).toMatchObject({ conflictsResolved: 4, expectedCount: 6, gaps: [{ from: "2025-04-25T16:00:00.000Z", to: "2025-04-25T16:00:00.000Z" }] });
  });

  it("refuses the defective wstETH yield file by name and counts the replacement on lst:wstETH", () => {
    expect(report.warnings.some((w) => w.includes("wsteth_oracle_yields_2024-05-12_2024-05-13.csv"))).toBe(true);
    expect(q("lst:wstETH").repairs.refuseDefectiveFile).toBe(1);
    expect(q("lst:wstETH").interpolated).toBe(true);
    expect(col("lst:wstETH", "ethPerToken")).toEqual([1.16, 1.1601, 1.1602]);
  });

  it("drops the sUSDe zero-APY glitch (reported as a one-day gap) and fills empty rewards with 0", () => {
    expect(q("benchmark:susde")).toMatchObject({ count: 2, expectedCount: 3, repairs: { dropZeroApyGlitches: 1, fillEmptyRewardWithZero: 2 } });
    expect(col("benchmark:susde", "apy")).toEqual([0.1, 0.125]);
  });

  it("sorts and expands the ether.fi reward periods", () => {
    expect(q("rewards:etherfi")).toMatchObject({ count: 5, repairs: { expandRewardPeriodsToDays: 3, sortRowsByTime: 1 } });
  });

  it("warns about the header-only oracle file and the placeholder margin file", () => {
    expect(report.warnings.some((w) => w.includes("USDT_ETH_oracle") && w.includes("no rows"))).toBe(true);
    expect(report.warnings.some((w) => w.includes("okx_margin_requirements.json"))).toBe(true);
  });

  it("returns the parameter tables", () => {
    expect(params.marginRequirements?.okx?.maintenance_margin_requirement).toBe(0.1);
    expect(params.aaveMarketParameters?.WETH?.LTV).toBe(0.805);
    expect(params.seasonalDrops).toHaveLength(2);
  });

  it("keeps time UTC hourly on the gas and AAVE hourly series", () => {
    expect(Array.from(data.series.get("gas:ethereum")?.time ?? [])).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1) + H]);
    expect(data.series.get("aave:weETH:hourly")?.time[0]).toBe(Date.UTC(2024, 4, 12, 1));
  });
});

describe("loadDirectory errors", () => {
  it("missing directory → DataDirectoryError naming it", async () => {
    await expect(loadDirectory("/nonexistent/basis-data")).rejects.toThrow(DataDirectoryError);
    await expect(loadDirectory("/nonexistent/basis-data")).rejects.toThrow(/\/nonexistent\/basis-data: directory not found/);
  });
  it("empty directory and directory without data files", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "basis-empty-"));
    await expect(loadDirectory(empty)).rejects.toThrow(/directory is empty/);
    writeFileSync(path.join(empty, "README.md"), "# nothing\n");
    writeFileSync(path.join(empty, "notes.txt"), "hello\n");
    await expect(loadDirectory(empty)).rejects.toThrow(/no recognised data file/);
  });
  it("a bad row → DataImportError naming file and line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "basis-bad-"));
    mkdirSync(path.join(dir, "funding"));
    writeFileSync(path.join(dir, "funding/bybit_BTCUSDT_funding_rates_a_b.csv"), "funding_timestamp,funding_rate,symbol,source\n2024-01-01T00:00:00Z,abc,BTCUSDT,bybit\n");
    const err = await loadDirectory(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataImportError);
    expect((err as DataImportError).message).toMatch(/funding\/bybit_BTCUSDT_funding_rates_a_b\.csv:2: invalid row \(rate/);
  });
  it("OKX spot volume (already base units) is not converted; BTC swaps use 0.01 BTC contracts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "basis-okx-"));
    const bar = "timestamp,open,high,low,close,volume,source,symbol,data_type\n2024-01-01T00:00:00Z,1,2,1,1.5,500,okx,X,y\n";
    writeFileSync(path.join(dir, "okx_ETHUSDT_spot_1h_a_b.csv"), bar);
    writeFileSync(path.join(dir, "okx_BTCUSDT_perp_1h_a_b.csv"), bar);
    const { data, report } = await loadDirectory(dir);
    expect(data.series.get("spot:okx:ETHUSDT")?.fields.volume?.[0]).toBe(500);
    expect(report.series["spot:okx:ETHUSDT"]?.repairs).toEqual({});
    expect(data.series.get("perp:okx:BTCUSDT")?.fields.volume?.[0]).toBeCloseTo(5, 12);
  });
  it("conflicting non-OKX rows are refused, not silently resolved", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "basis-conflict-"));
    writeFileSync(path.join(dir, "bybit_BTCUSDT_funding_rates_a_b.csv"), "funding_timestamp,funding_rate,symbol,source\n2024-01-01T00:00:00Z,0.1,BTCUSDT,bybit\n2024-01-01T00:00:00Z,0.2,BTCUSDT,bybit\n");
    await expect(loadDirectory(dir)).rejects.toThrow(/conflicting rows at 2024-01-01T00:00:00.000Z/);
  });
});
