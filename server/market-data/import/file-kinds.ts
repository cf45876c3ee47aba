// Recognises each raw file by its name and routes it to its parser, repairs and series ids.

import type { SeriesQuality, FileQuality } from "../quality-report";
import type { Series, SeriesKind } from "../series";
import { buildSeries, type SeriesSpec } from "./build-series";
import { parseAaveDailyCsv, parseAaveHourlyCsv } from "./parse-aave-csv";
import { parseBaseYieldsCsv } from "./parse-base-yields-csv";
import {
  expandRewardPeriodsToDays,
  parseEigenDistributionsCsv,
  parseEtherfiRewardPeriodsCsv,
  parseEthfiTopUpsCsv,
  parseSeasonalDropsCsv,
  type EigenDistribution,
  type EthfiTopUp,
  type SeasonalDrop,
} from "./parse-etherfi-csv";
import { parseFundingCsv } from "./parse-funding-csv";
import { parseGasCsv } from "./parse-gas-csv";
import { parseKlineCsv } from "./parse-kline-csv";
import { parseOracleCsv } from "./parse-oracle-csv";
import {
  parseAaveMarketParametersCsv,
  parseAaveRiskParametersJson,
  parseExecutionCostSummaryJson,
  parseExecutionCostsLookup,
  parseGasOperationsSummaryJson,
  parseMarginRequirementsJson,
  type AaveParamValue,
  type AaveRiskParameters,
  type ExecutionCostSummary,
  type MarginRequirements,
} from "./parse-parameter-files";
import { parsePegAnalysisCsv } from "./parse-peg-analysis-csv";
import { parseDefillamaChartCsv, parseEthenaBenchmarkCsv } from "./parse-yield-csv";
import type { RawRows } from "./raw-rows";
import { OKX_CONTRACT_SIZES, convertOkxContractsToBase, dropZeroApyGlitches, fillEmptyRewardWithZero, resolveOkxFundingConflicts, sortRowsByTime, type FieldBounds } from "./repairs";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Static tables found next to the series (parameters, assumptions); all validated with zod. */
export interface ImportedParameters {
  marginRequirements?: Record<string, MarginRequirements>;
  aaveRiskParameters?: AaveRiskParameters;
  aaveMarketParameters?: Record<string, Record<string, AaveParamValue>>;
  gasUnitsPerOperation?: Record<string, number>;
  executionCostSummary?: ExecutionCostSummary;
  eigenDistributions?: EigenDistribution[];
  ethfiTopUps?: EthfiTopUp[];
  seasonalDrops?: SeasonalDrop[];
}

/** Where one file's results go. */
export interface ImportSink {
  addSeries(series: Series, quality: SeriesQuality): void;
  warn(message: string): void;
  noteFile(relPath: string, info: FileQuality): void;
  params: ImportedParameters;
}

const PRICE_BOUNDS: FieldBounds = { open: [1e-9, 1e7], high: [1e-9, 1e7], low: [1e-9, 1e7], close: [1e-9, 1e7], volume: [0, 1e13] };
const BOUNDS: Record<SeriesKind, FieldBounds> = {
  spot: PRICE_BOUNDS,
  perp: PRICE_BOUNDS,
  // exchanges cap 8h funding well inside ±3 %
  funding: { rate: [-0.03, 0.03] },
  aave: { liquidityIndex: [1, 3], variableBorrowIndex: [1, 3], supplyApr: [0, 1], borrowApr: [0, 2], oraclePriceUsd: [1e-6, 1e7] },
  lst: { ethPerToken: [0.9, 2] },
  lstMarket: { ethPerToken: [0.9, 2] },
  gas: { gasPriceGwei: [0.01, 5000], baseFeeGwei: [0, 5000] },
  rewards: { dailyYield: [0, 0.01] },
  benchmark: { apr: [-0.5, 2], apy: [-0.5, 5], rewardApy: [0, 5] },
  costs: { bps10k: [0, 1000], bps100k: [0, 1000], bps1m: [0, 1000] },
};

function emit(sink: ImportSink, rows: RawRows, spec: Omit<SeriesSpec, "bounds">): string {
  const built = buildSeries(rows, { ...spec, bounds: BOUNDS[spec.kind] });
  sink.addSeries(built.series, built.quality);
  return spec.id;
}

export interface FileKind {
  readonly name: string;
  /** Matched against the file's base name. */
  readonly pattern: RegExp;
  readonly importFile: (text: string, relPath: string, m: RegExpExecArray, sink: ImportSink) => void;
}

const basenameOf = (p: string) => p.slice(p.lastIndexOf("/") + 1);

export const FILE_KINDS: readonly FileKind[] = [
  {
    name: "kline",
    pattern: /^(binance|bybit|okx)_([A-Z0-9]+)_(?:(perp|spot)_)?(1h|1m)_.*\.csv$/,
    importFile(text, relPath, m, sink) {
      const [, venue, symbol, market, interval] = m as unknown as [string, string, string, string | undefined, string];
      const kind: SeriesKind = market === "perp" ? "perp" : "spot";
      const rows = parseKlineCsv(text, relPath);
      const repairs: Record<string, number> = {};
      // OKX swap candles count contracts (0.1 ETH for ETH-USDT-SWAP); OKX spot volume is already base units
      if (venue === "okx" && kind === "perp") {
        const size = OKX_CONTRACT_SIZES[symbol];
        if (size === undefined) sink.warn(`${relPath}: OKX contract size of ${symbol} unknown; volume left in contracts`);
        else repairs.convertOkxContractsToBase = convertOkxContractsToBase(rows, size);
      }
      const id = `${kind}:${venue}:${symbol}${interval === "1m" ? ":1m" : ""}`;
      const n = rows.time.length;
      emit(sink, rows, { id, kind, source: relPath, stepMs: interval === "1m" ? MINUTE_MS : HOUR_MS, staleInGaps: true, repairs });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: [id] });
    },
  },
  {
    name: "funding",
    pattern: /^(binance|bybit|okx)_([A-Z0-9]+)_funding_rates_.*\.csv$/,
    importFile(text, relPath, m, sink) {
      const [, venue, symbol] = m as unknown as [string, string, string];
      const rows = parseFundingCsv(text, relPath);
      const n = rows.time.length;
      const id = `funding:${venue}:${symbol}`;
      emit(sink, rows, {
        id,
        kind: "funding",
        source: relPath,
        stepMs: 8 * HOUR_MS,
        ...(venue === "okx" ? { resolveConflicts: resolveOkxFundingConflicts, resolverName: "resolveOkxFundingConflicts" } : {}),
      });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: [id] });
    },
  },
  {
    name: "aave-hourly",
    pattern: /^aave_v3_aave-v3-ethereum_([A-Za-z0-9]+)_rates_.*_hourly\.csv$/,
    importFile(text, relPath, m, sink) {
      const asset = m[1] as string;
      const rows = parseAaveHourlyCsv(text, relPath);
      const id = `aave:${asset}:hourly`;
      const n = rows.time.length;
      emit(sink, rows, { id, kind: "aave", source: relPath, stepMs: HOUR_MS, interpolated: true });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: [id], note: "interpolated from the daily snapshots (geometric indexes, step-function rates)" });
    },
  },
  {
    name: "aave-daily",
    pattern: /^aave_v3_aave-v3-ethereum_([A-Za-z0-9]+)_rates_[0-9-]+_[0-9-]+\.csv$/,
    importFile(text, relPath, _m, sink) {
      const { rows, symbol } = parseAaveDailyCsv(text, relPath);
      const id = `aave:${symbol}`;
      const n = rows.time.length;
      emit(sink, rows, { id, kind: "aave", source: relPath, stepMs: DAY_MS });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: [id] });
    },
  },
  {
    name: "oracle",
    pattern: /^([A-Za-z0-9]+)_(USD|ETH)_oracle_.*\.csv$/,
    importFile(text, relPath, m, sink) {
      const asset = m[1] as string;
      const { rows, quote } = parseOracleCsv(text, relPath);
      const n = rows.time.length;
      if (n === 0) {
        sink.warn(`${relPath}: header only, no rows; skipped`);
        sink.noteFile(relPath, { kind: this.name, rows: 0, series: [], note: "empty" });
        return;
      }
      if (quote === "USD") {
        sink.noteFile(relPath, { kind: this.name, rows: n, series: [], note: `validated; not a separate series: equals the daily aave:${asset} price (linearly interpolated to hours where hourly)` });
        return;
      }
      const id = `lst:${asset}`;
      const ratio = { ...rows, fieldNames: ["ethPerToken"] };
      emit(sink, ratio, { id, kind: "lst", source: relPath, stepMs: HOUR_MS, interpolated: true });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: [id], note: "AAVE-oracle exchange rate (asset/WETH), interpolated between daily snapshots" });
    },
  },
  {
    name: "base-yields",
    pattern: /^[a-z]+_oracle_yields_.*\.csv$/,
    importFile(text, relPath, _m, sink) {
      const rows = parseBaseYieldsCsv(text, relPath);
      sortRowsByTime(rows);
      sink.noteFile(relPath, { kind: this.name, rows: rows.time.length, series: [], note: "validated; derived day-over-day growth of the lst:* rate, so not a separate series" });
    },
  },
  {
    name: "peg-analysis",
    pattern: /^([A-Za-z0-9]+)_peg_analysis_.*\.csv$/,
    importFile(text, relPath, m, sink) {
      const rows = parsePegAnalysisCsv(text, relPath);
      const id = `lstMarket:${m[1] as string}`;
      const n = rows.time.length;
      emit(sink, rows, { id, kind: "lstMarket", source: relPath, stepMs: HOUR_MS, staleInGaps: true });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: [id], note: "DEX market_rate; ~40–47 % of rows repeat the previous value (forward-filled at source)" });
    },
  },
  {
    name: "gas",
    pattern: /^ethereum_gas_prices_.*\.csv$/,
    importFile(text, relPath, _m, sink) {
      const rows = parseGasCsv(text, relPath);
      const n = rows.time.length;
      emit(sink, rows, { id: "gas:ethereum", kind: "gas", source: relPath, stepMs: HOUR_MS });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: ["gas:ethereum"] });
    },
  },
  {
    name: "defillama-chart",
    pattern: /^(ethena_susde_historical_.*|bar-chart-supply-apy-.*-(eeth))\.csv$/,
    importFile(text, relPath, m, sink) {
      const id = m[2] === "eeth" ? "benchmark:eeth" : "benchmark:susde";
      const rows = parseDefillamaChartCsv(text, relPath);
      const n = rows.time.length;
      const repairs: Record<string, number> = {};
      const zeros = dropZeroApyGlitches(rows, "apy");
      if (zeros > 0) repairs.dropZeroApyGlitches = zeros;
      const filled = fillEmptyRewardWithZero(rows, "rewardApy");
      if (filled > 0) repairs.fillEmptyRewardWithZero = filled;
      emit(sink, rows, { id, kind: "benchmark", source: relPath, stepMs: DAY_MS, repairs });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: [id], note: "DeFiLlama export: percent APY converted to fractions; apr = daily-compounding equivalent" });
    },
  },
  {
    name: "ethena-benchmark",
    pattern: /^ethena_susde_apr_benchmark_(hourly_)?.*\.csv$/,
    importFile(text, relPath, m, sink) {
      const rows = parseEthenaBenchmarkCsv(text, relPath);
      const n = rows.time.length;
      if (!m[1]) {
        sink.noteFile(relPath, { kind: this.name, rows: n, series: [], note: "validated; processed copy of the raw DeFiLlama export behind benchmark:susde" });
        return;
      }
      emit(sink, rows, { id: "benchmark:susde:hourly", kind: "benchmark", source: relPath, stepMs: HOUR_MS, interpolated: true });
      sink.noteFile(relPath, { kind: this.name, rows: n, series: ["benchmark:susde:hourly"], note: "linearly interpolated daily values; naive timestamps read as UTC" });
    },
  },
  {
    name: "etherfi-rewards",
    pattern: /^etherfi_seasonal_rewards_.*\.csv$/,
    importFile(text, relPath, _m, sink) {
      const periods = parseEtherfiRewardPeriodsCsv(text, relPath);
      let outOfOrder = 0;
      for (let i = 1; i < periods.length; i++) if ((periods[i] as { start: number }).start < (periods[i - 1] as { start: number }).start) outOfOrder++;
      const rows = expandRewardPeriodsToDays(periods, relPath);
      const repairs: Record<string, number> = { expandRewardPeriodsToDays: periods.length };
      if (outOfOrder > 0) repairs.sortRowsByTime = outOfOrder;
      emit(sink, rows, { id: "rewards:etherfi", kind: "rewards", source: relPath, stepMs: DAY_MS, repairs });
      sink.noteFile(relPath, { kind: this.name, rows: periods.length, series: ["rewards:etherfi"], note: "per-period daily yields (daily_yield_final) summed per UTC day; estimates included" });
    },
  },
  {
    name: "etherfi-eigen-raw",
    pattern: /^eigen_distributions_raw\.csv$/,
    importFile(text, relPath, _m, sink) {
      sink.params.eigenDistributions = parseEigenDistributionsCsv(text, relPath);
      sink.noteFile(relPath, { kind: this.name, rows: sink.params.eigenDistributions.length, series: [], note: "parameters: EIGEN distributions" });
    },
  },
  {
    name: "etherfi-topups-raw",
    pattern: /^ethfi_topups_raw\.csv$/,
    importFile(text, relPath, _m, sink) {
      sink.params.ethfiTopUps = parseEthfiTopUpsCsv(text, relPath);
      sink.noteFile(relPath, { kind: this.name, rows: sink.params.ethfiTopUps.length, series: [], note: "parameters: ETHFI top-ups" });
    },
  },
  {
    name: "etherfi-seasons",
    pattern: /^seasonal_drops\.csv$/,
    importFile(text, relPath, _m, sink) {
      sink.params.seasonalDrops = parseSeasonalDropsCsv(text, relPath);
      sink.noteFile(relPath, { kind: this.name, rows: sink.params.seasonalDrops.length, series: [], note: "parameters: seasons (estimated ranges)" });
    },
  },
  {
    name: "execution-costs",
    pattern: /^execution_costs_lookup\.json$/,
    importFile(text, relPath, _m, sink) {
      const ids: string[] = [];
      let n = 0;
      for (const [pair, rows] of parseExecutionCostsLookup(text, relPath)) {
        n += rows.time.length;
        ids.push(emit(sink, rows, { id: `costs:${pair}`, kind: "costs", source: relPath, stepMs: DAY_MS }));
      }
      sink.noteFile(relPath, { kind: this.name, rows: n, series: ids, note: "modelled (not measured) costs in bps, constant over time" });
    },
  },
  {
    name: "execution-cost-summary",
    pattern: /^execution_cost_summary\.json$/,
    importFile(text, relPath, _m, sink) {
      sink.params.executionCostSummary = parseExecutionCostSummaryJson(text, relPath);
      sink.noteFile(relPath, { kind: this.name, rows: 0, series: [], note: "parameters: cost table units and buckets" });
    },
  },
  {
    name: "gas-operations",
    pattern: /^operation_gas_costs_summary_.*\.json$/,
    importFile(text, relPath, _m, sink) {
      sink.params.gasUnitsPerOperation = parseGasOperationsSummaryJson(text, relPath);
      sink.noteFile(relPath, { kind: this.name, rows: 0, series: [], note: "parameters: assumed gas units per operation" });
    },
  },
  {
    name: "margin-requirements",
    pattern: /^(binance|bybit|okx)_margin_requirements\.json$/,
    importFile(text, relPath, m, sink) {
      const p = parseMarginRequirementsJson(text, relPath);
      sink.params.marginRequirements = { ...sink.params.marginRequirements, [m[1] as string]: p };
      if (p.maintenance_margin_requirement > p.initial_margin_requirement)
        sink.warn(`${relPath}: placeholder margin parameters (maintenance ${p.maintenance_margin_requirement} > initial ${p.initial_margin_requirement}); not the venue's tiered rules`);
      sink.noteFile(relPath, { kind: this.name, rows: 0, series: [], note: "parameters (placeholder values)" });
    },
  },
  {
    name: "aave-risk-parameters",
    pattern: /^aave_v3_risk_parameters\.json$/,
    importFile(text, relPath, _m, sink) {
      sink.params.aaveRiskParameters = parseAaveRiskParametersJson(text, relPath);
      sink.warn(`${relPath}: simplified parameters; its reserve factors and "standard" values do not match AAVE (see aaveMarketParameters)`);
      sink.noteFile(relPath, { kind: this.name, rows: 0, series: [], note: "parameters (simplified)" });
    },
  },
  {
    name: "aave-market-parameters",
    pattern: /^aave_current_v3_pr[a]?ams_.*\.csv$/,
    importFile(text, relPath, _m, sink) {
      sink.params.aaveMarketParameters = parseAaveMarketParametersCsv(text, relPath);
      sink.noteFile(relPath, { kind: this.name, rows: Object.keys(sink.params.aaveMarketParameters).length, series: [], note: "parameters: undated point-in-time export (≈ autumn 2025), one entry per asset" });
    },
  },
];

/** The file kind whose pattern matches the file's base name, with the match. */
export function classifyFile(relPath: string): { kind: FileKind; match: RegExpExecArray } | null {
  const base = basenameOf(relPath);
  for (const kind of FILE_KINDS) {
    const match = kind.pattern.exec(base);
    if (match) return { kind, match };
  }
  return null;
}
