// Entry point for one backtest: validates the mode's parameters, wires the kernel on the data set
// and runs it synchronously and deterministically, returning the run summary (and details).
import type { MarketData } from "@/server/market-data/series";
import { BacktestClock, HOUR_MS } from "./core/clock";
import { EngineError } from "./core/errors";
import { capitalSchema } from "./config/shared-params";
import { getModeSchema, MODE_IDS, MODE_INFO, resolveModeId, type AnyModeParams, type ModeId } from "./config/modes";
import { DataProvider } from "./components/data-provider";
import { EventLogger } from "./components/event-logger";
import { createEngine, type Engine } from "./kernel";
import { wireBacktest } from "./wire-backtest";
import { computeNavMetrics } from "./math/metrics";
import type { EngineEvent, ResultsSink, RunDetails, RunSummary } from "./types";

export { MODE_IDS, getModeSchema, resolveModeId, type ModeId };

export interface RunBacktestOptions {
  /** Mode id or accepted alias. */
  mode: string;
  /** Raw parameters; validated (and defaulted) by the mode's zod schema; unknown keys are rejected. */
  params?: unknown;
  data: MarketData;
  /** First tick, UTC epoch ms, on the hour. */
  start: number;
  /** Last tick (inclusive), UTC epoch ms, on the hour. */
  end: number;
  /** Initial capital in share-class currency. */
  capital: number;
  sink?: ResultsSink;
  /** Capital flows in share-class currency (+ deposit, − withdrawal) at ticks inside the window. */
  flows?: readonly CapitalFlow[];
  /** Receives each event as a JSON Lines record while the run goes (no trailing newline). */
  writeEventLine?: (line: string) => void;
  /** Text of a signal CSV for the directional modes with `signalSource: csv` (the caller reads the file). */
  signalCsv?: string;
}

export interface CapitalFlow {
  /** Tick time, UTC epoch ms on the hour, within [start, end]. */
  time: number;
  amount: number;
}

export interface BacktestResult {
  summary: RunSummary;
  details: RunDetails;
  /** The run's event log (also streamed to the sink). */
  events: readonly EngineEvent[];
}

export interface ValidatedRun {
  mode: ModeId;
  params: AnyModeParams;
  capital: number;
  start: number;
  end: number;
}

/** Validates mode, parameters, capital and window without touching the data (CONFIG-00x). */
export function validateRun(opts: Pick<RunBacktestOptions, "mode" | "params" | "capital" | "start" | "end" | "flows">): ValidatedRun {
  const mode = resolveModeId(opts.mode);
  if (!mode) throw new EngineError("CONFIG-003", `unknown mode "${opts.mode}" (known: ${MODE_IDS.join(", ")})`);
  const parsed = getModeSchema(mode).safeParse(opts.params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    const code = issue?.code === "custom" ? "CONFIG-002" : "CONFIG-001";
    throw new EngineError(code, `${path ? `${path}: ` : ""}${issue?.message ?? "invalid parameters"}`);
  }
  const cap = capitalSchema.safeParse(opts.capital);
  if (!cap.success) throw new EngineError("CONFIG-001", `capital: ${cap.error.issues[0]?.message ?? "invalid"}`);
  if (!Number.isFinite(opts.start) || !Number.isFinite(opts.end) || opts.start % HOUR_MS !== 0 || opts.end % HOUR_MS !== 0) {
    throw new EngineError("CONFIG-001", "start and end must be on the hour (UTC epoch ms)");
  }
  if (opts.end <= opts.start) throw new EngineError("CONFIG-001", "end must be after start");
  for (const f of opts.flows ?? []) {
    if (!Number.isFinite(f.amount) || f.amount === 0 || f.time % HOUR_MS !== 0 || f.time < opts.start || f.time > opts.end) {
      throw new EngineError("CONFIG-001", `flows: ${f.amount} at ${f.time} must be a non-zero amount at an hourly tick inside the window`);
    }
  }
  return { mode, params: parsed.data, capital: cap.data, start: opts.start, end: opts.end };
}

/** Runs a backtest; throws EngineError (with .code) on invalid input or a failed run. */
export function runBacktestWithDetails(opts: RunBacktestOptions): BacktestResult {
  const v = validateRun(opts);
  const info = MODE_INFO[v.mode];
  const data = new DataProvider(opts.data, v.start, v.end, HOUR_MS, v.params.maxStaleHours);
  const logger = new EventLogger(opts.sink ?? null, opts.writeEventLine ?? null);
  const wiring = wireBacktest(v.mode, v.params, data, v.capital, logger, opts.signalCsv !== undefined ? { signalCsv: opts.signalCsv } : {});
  const clock = new BacktestClock(v.start, v.end);
  let flows: Float64Array | undefined;
  if (opts.flows && opts.flows.length > 0) {
    flows = new Float64Array(clock.totalTicks);
    for (const f of opts.flows) flows[(f.time - v.start) / HOUR_MS] = (flows[(f.time - v.start) / HOUR_MS] as number) + f.amount;
  }
  const engine = createEngine({ clock, data, venues: wiring.venues, sink: opts.sink ?? null, logger, config: flows ? { ...wiring.config, flows } : wiring.config });
  engine.run();
  const rewardsOn = (v.params as { rewardsMode?: string }).rewardsMode === "base_plus_rewards";
  return summarise(engine, v, info.shareClass, opts.data.name, wiring.hedgeWeights, wiring.warnings, rewardsOn && info.referenceApyWithRewards ? info.referenceApyWithRewards : info.referenceApy);
}

/** Runs a backtest and returns the summary (the `--json` shape). */
export function runBacktest(opts: RunBacktestOptions): RunSummary {
  return runBacktestWithDetails(opts).summary;
}

function summarise(
  engine: Engine,
  v: ValidatedRun,
  shareClass: RunSummary["shareClass"],
  dataset: string,
  hedgeWeights: RunDetails["hedgeWeights"],
  warnings: string[],
  referenceApy: readonly [number, number],
): BacktestResult {
  const { pnl, exposure, risk, strategy, positions, handler, logger } = engine.components;
  const st = engine.state;
  const m = computeNavMetrics(st.nav, st.ticks, HOUR_MS, v.params.riskFreeRate);
  const t = pnl.totals;
  const finalEquity = exposure.equity;
  const attribution = {
    funding: t[0] as number,
    lendingInterest: t[1] as number,
    borrowCost: t[2] as number,
    stakingYield: t[3] as number,
    pricePnl: t[4] as number,
    fees: t[5] as number,
    gas: t[6] as number,
    residual: 0,
  };
  // balance PnL (equity change net of flows) − Σ terms, accumulated tick by tick
  attribution.residual = pnl.totalResidual;
  const allWarnings = [...warnings];
  if (m.apyFlagged) allWarnings.push("window shorter than 30 days: APY is an unreliable annualisation");
  if (m.apy !== null && !m.apyFlagged && (m.apy < referenceApy[0] || m.apy > referenceApy[1])) {
    allWarnings.push(
      `APY ${(m.apy * 100).toFixed(2)} % is outside the mode's reference range ${(referenceApy[0] * 100).toFixed(0)}–${(referenceApy[1] * 100).toFixed(0)} %` +
        (attribution.funding !== 0 ? ` (funding captured ${attribution.funding.toFixed(2)})` : "") +
        (attribution.lendingInterest !== 0 ? ` (lending interest ${attribution.lendingInterest.toFixed(2)})` : "") +
        (attribution.stakingYield !== 0 ? ` (staking yield ${attribution.stakingYield.toFixed(2)})` : "") +
        ((v.params as { rewardsMode?: string }).rewardsMode === "base_plus_rewards" && referenceApy === MODE_INFO[v.mode].referenceApy ? " (restaking rewards on: the range is without rewards)" : "") +
        (attribution.borrowCost !== 0
          ? ` (borrow cost ${attribution.borrowCost.toFixed(2)}${-attribution.borrowCost > 0.8 * (attribution.stakingYield + attribution.lendingInterest) ? ": the WETH borrow rate ate most of the levered staking carry" : ""})`
          : "") +
        (attribution.fees + attribution.gas < -0.02 * v.capital ? ` (costs ${(attribution.fees + attribution.gas).toFixed(2)})` : ""),
    );
  }
  const summary: RunSummary = {
    mode: v.mode,
    dataset,
    start: new Date(v.start).toISOString(),
    end: new Date(v.end).toISOString(),
    shareClass,
    initialCapital: v.capital,
    finalEquity,
    steps: st.ticks,
    events: logger.count,
    metrics: {
      totalReturn: m.totalReturn,
      apy: m.apy,
      annualVolatility: m.annualVolatility,
      sharpe: m.sharpe,
      sortino: m.sortino,
      maxDrawdown: m.maxDrawdown,
      maxDrawdownDays: m.maxDrawdownDays,
      rebalances: strategy.rebalances,
      feesPaid: -attribution.fees,
      fundingCaptured: attribution.funding,
      timeInMarket: st.ticks > 0 ? st.ticksInMarket / st.ticks : 0,
    },
    attribution,
  };
  const details: RunDetails = {
    apr: m.apr ?? 0,
    apyFlagged: m.apyFlagged,
    calmar: m.apy !== null && m.maxDrawdown > 0 ? m.apy / m.maxDrawdown : null,
    maxDrawdownUnrecovered: m.maxDrawdownUnrecovered,
    notionalTraded: handler.notionalTraded,
    // CEX liquidations (position monitor) plus AAVE liquidation calls (staking loop): every PositionLiquidated
    liquidations: Math.max(positions.liquidations, logger.events.reduce((n, e) => n + (e.type === "PositionLiquidated" ? 1 : 0), 0)),
    minHealthFactor: Number.isFinite(risk.minHealthFactor) ? risk.minHealthFactor : null,
    minMarginRatio: Number.isFinite(risk.minMarginRatio) ? risk.minMarginRatio : null,
    maxAbsDeltaRatio: st.maxAbsDeltaRatio,
    maxAbsResidual: pnl.maxAbsResidual,
    riskFreeRate: v.params.riskFreeRate,
    fundingByVenue: { ...positions.fundingByVenue },
    hedgeWeights,
    warnings: allWarnings,
    params: { ...v.params },
  };
  return { summary, details, events: logger.events };
}
