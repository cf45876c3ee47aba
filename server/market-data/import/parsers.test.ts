// Known-answer tests of each parser on the hand-written fixture files in fixtures/mini-data.

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataImportError } from "./import-errors";
import { parseAaveDailyCsv, parseAaveHourlyCsv } from "./parse-aave-csv";
import { parseBaseYieldsCsv } from "./parse-base-yields-csv";
import { expandRewardPeriodsToDays, parseEtherfiRewardPeriodsCsv, parseSeasonalDropsCsv } from "./parse-etherfi-csv";
import { parseFundingCsv } from "./parse-funding-csv";
import { parseGasCsv } from "./parse-gas-csv";
import { parseKlineCsv } from "./parse-kline-csv";
import { parseOracleCsv } from "./parse-oracle-csv";
import { parseAaveMarketParametersCsv, parseExecutionCostsLookup, parseMarginRequirementsJson } from "./parse-parameter-files";
import { parsePegAnalysisCsv } from "./parse-peg-analysis-csv";
import { aprFromApy, parseDefillamaChartCsv, parseEthenaBenchmarkCsv } from "./parse-yield-csv";
import { fieldColumn } from "./raw-rows";

const DIR = path.join(import.meta.dirname, "fixtures/mini-data");
const read = (rel: string) => readFileSync(path.join(DIR, rel), "utf8");
const H = 3_600_000;

describe("parseKlineCsv", () => {
  it("reads a CRLF Binance file: bar-open times, OHLCV as written", () => {
    const rows = parseKlineCsv(read("market_data/spot_prices/btc_usd/binance_BTCUSDT_1h_2024-01-01_2024-01-02.csv"), "f");
    expect(rows.time).toEqual([0, 1, 4, 5].map((h) => Date.UTC(2024, 0, 1) + h * H));
    expect(fieldColumn(rows, "open")).toEqual([100, 105, 101.5, 119]);
    expect(fieldColumn(rows, "volume")).toEqual([2, 1.5, 3, 4]);
  });
  it("rejects a non-positive price, naming file and line", () => {
    const bad = "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,1,0,5\n";
    expect(() => parseKlineCsv(bad, "bad.csv")).toThrow(/bad\.csv:2: invalid row \(close/);
  });
  it("rejects an unrecognised timestamp", () => {
    expect(() => parseKlineCsv("timestamp,open,high,low,close,volume\nsoon,1,2,1,1,5\n", "bad.csv")).toThrow(/unrecognised timestamp/);
  });
});

describe("parseFundingCsv", () => {
  it("reads plain and exponent rates and sub-second timestamps", () => {
    const rows = parseFundingCsv(read("market_data/derivatives/funding_rates/binance_BTCUSDT_funding_rates_2024-01-01_2024-01-02.csv"), "f");
    expect(rows.time[1]).toBe(Date.UTC(2024, 0, 1, 8, 0, 0, 2));
    expect(fieldColumn(rows, "rate")).toEqual([0.0001, 1.5e-5, -0.00002, 0.0003]);
  });
  it("keeps both members of conflicting OKX pairs (resolution is a repair)", () => {
    const rows = parseFundingCsv(read("market_data/derivatives/funding_rates/okx_BTCUSDT_funding_rates_2025-04-23_2025-04-26.csv"), "f");
    expect(rows.time.length).toBe(9);
  });
});

describe("AAVE parsers", () => {
  it("daily: targetDate time, checked against epoch timestamp; APR fractions; price", () => {
    const { rows, symbol } = parseAaveDailyCsv(read("protocol_data/aave/rates/aave_v3_aave-v3-ethereum_USDT_rates_2024-01-01_2024-01-03.csv"), "f");
    expect(symbol).toBe("USDT");
    expect(rows.time).toEqual([0, 1, 2].map((d) => Date.UTC(2024, 0, 1 + d)));
    expect(fieldColumn(rows, "liquidityIndex")).toEqual([1.04, 1.041, 1.0425]);
    expect(fieldColumn(rows, "borrowApr")).toEqual([0.07, 0.08, 0.06]);
    expect(fieldColumn(rows, "oraclePriceUsd")[0]).toBe(0.99965);
  });
  it("daily: refuses a row whose targetDate and epoch disagree", () => {
    const text = read("protocol_data/aave/rates/aave_v3_aave-v3-ethereum_USDT_rates_2024-01-01_2024-01-03.csv").replace("1704153600", "1704153601");
    expect(() => parseAaveDailyCsv(text, "aave.csv")).toThrow(/aave\.csv:3: .*targetDate and timestamp disagree/);
  });
  it("hourly: space-offset timestamps", () => {
    const rows = parseAaveHourlyCsv(read("protocol_data/aave/rates/aave_v3_aave-v3-ethereum_weETH_rates_2024-05-12_2024-05-13_hourly.csv"), "f");
    expect(rows.time).toEqual([Date.UTC(2024, 4, 12, 1), Date.UTC(2024, 4, 12, 2)]);
    expect(fieldColumn(rows, "variableBorrowIndex")).toEqual([1.0008, 1.0009]);
    expect(fieldColumn(rows, "supplyApr")).toEqual([0.0011, 0.0011]);
  });
});

describe("parseOracleCsv", () => {
  it("skips the # preamble; epoch seconds; USD quote", () => {
    const { rows, quote } = parseOracleCsv(read("protocol_data/aave/oracle/USDT_USD_oracle_2024-01-01_2024-01-02.csv"), "f");
    expect(quote).toBe("USD");
    expect(rows.time).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
    expect(fieldColumn(rows, "price")).toEqual([0.99965, 1.00009]);
  });
  it("ETH quote with space-offset times; header-only file gives zero rows", () => {
    const { rows, quote } = parseOracleCsv(read("protocol_data/aave/oracle/wstETH_ETH_oracle_2024-05-12_2024-05-13.csv"), "f");
    expect(quote).toBe("ETH");
    expect(fieldColumn(rows, "price")).toEqual([1.16, 1.1601, 1.1602]);
    expect(parseOracleCsv(read("protocol_data/aave/oracle/USDT_ETH_oracle_2024-01-01_2024-01-02.csv"), "f").rows.time).toEqual([]);
  });
});

describe("parseBaseYieldsCsv", () => {
  it("reads the invalid `+00:00Z` suffix as UTC", () => {
    const rows = parseBaseYieldsCsv(read("protocol_data/staking/base_yields/weeth_oracle_yields_2024-05-12_2024-05-13.csv"), "f");
    expect(rows.time).toEqual([Date.UTC(2024, 4, 12), Date.UTC(2024, 4, 13)]);
    expect(fieldColumn(rows, "dailyYield")).toEqual([7.9e-6, 0.00013]);
  });
});

describe("parsePegAnalysisCsv", () => {
  it("takes market_rate as ethPerToken", () => {
    const rows = parsePegAnalysisCsv(read("protocol_data/staking/peg_analysis/weETH_peg_analysis_2024-05-13_2024-05-13.csv"), "f");
    expect(rows.time[0]).toBe(Date.UTC(2024, 4, 13, 4));
    expect(fieldColumn(rows, "ethPerToken")).toEqual([1.0375, 1.0375]);
  });
});

describe("parseGasCsv", () => {
  it("keys rows by the hour label, keeps fee fields", () => {
    const rows = parseGasCsv(read("blockchain_data/gas_prices/ethereum_gas_prices_2024-01-01_2024-01-01.csv"), "f");
    expect(rows.time).toEqual([Date.UTC(2024, 0, 1, 0), Date.UTC(2024, 0, 1, 1)]);
    expect(fieldColumn(rows, "gasPriceGwei")).toEqual([12.07, 12.39]);
    expect(fieldColumn(rows, "priorityFeeP75Gwei")).toEqual([0.3, 2.0]);
  });
});

describe("yield parsers", () => {
  it("DeFiLlama export: percent → fraction, APR by daily compounding, empty Reward → NaN", () => {
    const rows = parseDefillamaChartCsv(read("manual_sources/benchmark_data/ethena_susde_historical_20240105.csv"), "f");
    expect(rows.time.length).toBe(3); // last line has no final newline
    expect(fieldColumn(rows, "apy")).toEqual([0.1, 0, 0.125]);
    // hand: 365 × (1.1^(1/365) − 1) = 0.0953226...
    expect(fieldColumn(rows, "apr")[0]).toBeCloseTo(0.09532262, 7);
    expect(aprFromApy(0.125)).toBeCloseTo(365 * (Math.pow(1.125, 1 / 365) - 1), 14);
    expect(Number.isNaN(fieldColumn(rows, "rewardApy")[0])).toBe(true);
  });
  it("Ethena processed: naive hourly timestamps and plain dates, both UTC", () => {
    const h = parseEthenaBenchmarkCsv(read("protocol_data/staking/benchmark_yields/ethena_susde_apr_benchmark_hourly_2024-01-01_2024-01-01.csv"), "f");
    expect(h.time).toEqual([Date.UTC(2024, 0, 1, 0), Date.UTC(2024, 0, 1, 1)]);
    expect(fieldColumn(h, "apr")).toEqual([0.0953, 0.1044]);
    const d = parseEthenaBenchmarkCsv(read("protocol_data/staking/benchmark_yields/ethena_susde_apr_benchmark_2024-01-01_2024-01-02.csv"), "f");
    expect(d.time).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)]);
  });
});

describe("ether.fi parsers", () => {
  it("sums overlapping reward periods per day, start and end inclusive", () => {
    const periods = parseEtherfiRewardPeriodsCsv(read("protocol_data/staking/restaking_final/etherfi_seasonal_rewards_2024-01-01_2024-01-10.csv"), "f");
    expect(periods.map((p) => p.rewardType)).toEqual(["EIGEN_via_KING", "EIGEN_via_DEFILLAMA", "ETHFI_via_KING"]);
    const rows = expandRewardPeriodsToDays(periods, "f");
    expect(rows.time).toEqual([1, 2, 3, 4, 5].map((d) => Date.UTC(2024, 0, d)));
    const y = fieldColumn(rows, "dailyYield");
    expect(y[0]).toBe(0.00002);
    expect(y[1]).toBe(0);
    expect(y[2]).toBe(0.0001);
    expect(y[3]).toBeCloseTo(0.00013, 15);
    expect(y[4]).toBe(0.0001);
  });
  it("seasonal drops: quoted non-ASCII ranges become numeric ranges, percent → fraction", () => {
    const drops = parseSeasonalDropsCsv(read("manual_sources/etherfi_distributions/seasonal_drops.csv"), "f");
    expect(drops[0]?.rewardPerEeth).toEqual([5, 15]);
    expect(drops[0]?.extraYield).toEqual([0.002, 0.006]);
    expect(drops[1]?.rewardPerEeth).toBe(0.248);
    expect(drops[1]?.extraYield).toBeNull();
  });
});

describe("parameter files", () => {
  it("execution-cost lookup → one daily row set per pair, three buckets in bps", () => {
    const m = parseExecutionCostsLookup(read("execution_costs/lookup_tables/execution_costs_lookup.json"), "f");
    const rows = m.get("ETH_USDT");
    expect(rows?.time).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
    expect(rows && [fieldColumn(rows, "bps10k")[0], fieldColumn(rows, "bps100k")[0], fieldColumn(rows, "bps1m")[0]]).toEqual([5, 7, 13]);
  });
  it("margin JSON validated; wrong structure named", () => {
    expect(parseMarginRequirementsJson(read("market_data/derivatives/risk_params/okx_margin_requirements.json"), "f").max_leverage).toBe(20);
    expect(() => parseMarginRequirementsJson('{"max_leverage":"20"}', "m.json")).toThrow(DataImportError);
  });
  it("transposed AAVE parameters CSV with BOM: percents, caps in billions/millions, booleans, N/A", () => {
    const p = parseAaveMarketParametersCsv(read("manual_sources/aave_params/aave_current_v3_prams_etherum_mainnet.csv"), "f");
    expect(p.WETH).toEqual({ Frozen: false, LTV: 0.805, "Debt Ceiling": null, "Supply Cap": 3_200_000 });
    expect(p.USDT?.["Debt Ceiling"]).toBe(1_000_000);
    expect(p.USDT?.["Supply Cap"]).toBeCloseTo(5_000_000, 6);
  });
});
