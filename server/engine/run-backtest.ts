// Entry point for one backtest: validates the mode's parameters, wires the kernel on the data set
// and runs it synchronously and deterministically, returning the run summary.
import type { MarketData } from "@/server/market-data/series";
import { EngineError } from "./core/errors";
import type { ResultsSink, RunDetails, RunSummary } from "./types";

export interface RunBacktestOptions {
  /** Mode id or accepted alias. */
  mode: string;
  /** Raw parameters; validated (and defaulted) by the mode's zod schema. */
  params?: unknown;
  data: MarketData;
  /** First tick, UTC epoch ms, on the hour. */
  start: number;
  /** Last tick (inclusive), UTC epoch ms, on the hour. */
  end: number;
  /** Initial capital in share-class currency. */
  capital: number;
  sink?: ResultsSink;
}

export interface BacktestResult {
  summary: RunSummary;
  details: RunDetails;
}

/** Runs a backtest and returns its summary and details; throws EngineError (with .code) on failure. */
export function runBacktestWithDetails(_opts: RunBacktestOptions): BacktestResult {
  throw new EngineError("EDS-001", "engine kernel not built yet");
}

/** Runs a backtest and returns the summary (the `--json` shape). */
export function runBacktest(opts: RunBacktestOptions): RunSummary {
  return runBacktestWithDetails(opts).summary;
}
