// Stress run: replays a backtest on shocked data next to the unshocked baseline and reports the
// path of health factor, margin ratios and equity around the shock, whether and when a liquidation
// happened (and its loss) and the loss against the baseline — the `stress` key of `--json`.
import { HOUR_MS } from "../core/clock";
import { runBacktestWithDetails, type BacktestResult, type RunBacktestOptions } from "../run-backtest";
import { CEX_VENUES, type CexVenue, type EngineEvent, type ResultsSink, type StepRecord } from "../types";
import { applyStress, describeScenario, shockTime, type StressScenario } from "./scenarios";

export interface StressLiquidation {
  time: string;
  /** Tick index from the run's start. */
  step: number;
  venue: string;
  /** Value lost to the liquidation (forfeited CEX margin, or the AAVE bonus), share-class currency. */
  loss: number;
}

export interface StressPath {
  time: number[];
  equity: number[];
  baselineEquity: number[];
  healthFactor: (number | null)[];
  marginRatio: Record<CexVenue, (number | null)[]>;
}

/** The `stress` summary table of the JSON output. */
export interface StressSummary {
  scenario: string;
  shockTime: string;
  shockStep: number;
  liquidated: boolean;
  firstLiquidationTime: string | null;
  firstLiquidationStep: number | null;
  liquidations: StressLiquidation[];
  /** Baseline vs shocked figures, share-class currency / fractions. */
  table: { metric: string; baseline: number | null; shocked: number | null }[];
  /** baseline final equity − shocked final equity. */
  loss: number;
  /** loss / baseline final equity. */
  lossPct: number;
  /** Hourly path from one day before the shock to the end of the shock window plus two days. */
  path: StressPath;
}

interface Row {
  t: number;
  equity: number;
  hf: number | null;
  mr: (number | null)[];
}

class PathSink implements ResultsSink {
  readonly rows: Row[] = [];
  constructor(private readonly from: number, private readonly to: number) {}
  onStep(rec: Readonly<StepRecord>): void {
    if (rec.time < this.from || rec.time > this.to) return;
    this.rows.push({ t: rec.time, equity: rec.equity, hf: rec.risk.healthFactor, mr: CEX_VENUES.map((v) => rec.risk.marginRatio[v]) });
  }
  onEvent(): void {}
}

export interface StressResult {
  baseline: BacktestResult;
  shocked: BacktestResult;
  stress: StressSummary;
}

/** Forwards steps and events to several sinks. */
class TeeSink implements ResultsSink {
  constructor(private readonly sinks: readonly ResultsSink[]) {}
  onStep(rec: Readonly<StepRecord>): void {
    for (const s of this.sinks) s.onStep(rec);
  }
  onEvent(ev: EngineEvent): void {
    for (const s of this.sinks) s.onEvent(ev);
  }
  onProgress(done: number, total: number): void {
    for (const s of this.sinks) s.onProgress?.(done, total);
  }
}

/**
 * Runs the baseline and the shocked backtest (same mode, parameters and window); `opts.sink` and
 * `opts.writeEventLine` receive the shocked run only.
 */
export function runStress(opts: RunBacktestOptions, scenario: StressScenario): StressResult {
  const at = shockTime(scenario, opts.start, opts.end);
  const days = "days" in scenario ? scenario.days : 0;
  const from = Math.max(opts.start, at - 24 * HOUR_MS);
  const to = Math.min(opts.end, at + (days + 2) * 24 * HOUR_MS);
  const basePath = new PathSink(from, to);
  const { sink: outer, writeEventLine, ...base } = opts;
  const baseline = runBacktestWithDetails({ ...base, sink: basePath });
  const shockPath = new PathSink(from, to);
  const shocked = runBacktestWithDetails({
    ...base,
    data: applyStress(opts.data, scenario, at),
    sink: outer ? new TeeSink([shockPath, outer]) : shockPath,
    ...(writeEventLine ? { writeEventLine } : {}),
  });
  const liquidations: StressLiquidation[] = shocked.events
    .filter((e) => e.type === "PositionLiquidated")
    .map((e) => {
      const p = e.payload;
      const loss = typeof p.forfeited === "number" ? p.forfeited : typeof p.penaltyEth === "number" ? p.penaltyEth : 0;
      return { time: new Date(e.time).toISOString(), step: (e.time - opts.start) / HOUR_MS, venue: e.venue ?? "", loss: lossInShareClass(loss, e.payload, shocked) };
    });
  const b = baseline.summary;
  const s = shocked.summary;
  const table = [
    { metric: "finalEquity", baseline: b.finalEquity, shocked: s.finalEquity },
    { metric: "totalReturn", baseline: b.metrics.totalReturn, shocked: s.metrics.totalReturn },
    { metric: "maxDrawdown", baseline: b.metrics.maxDrawdown, shocked: s.metrics.maxDrawdown },
    { metric: "minHealthFactor", baseline: baseline.details.minHealthFactor, shocked: shocked.details.minHealthFactor },
    { metric: "minMarginRatio", baseline: baseline.details.minMarginRatio, shocked: shocked.details.minMarginRatio },
    { metric: "liquidations", baseline: countLiquidations(baseline), shocked: liquidations.length },
    { metric: "fees", baseline: b.attribution.fees, shocked: s.attribution.fees },
    { metric: "pricePnl", baseline: b.attribution.pricePnl, shocked: s.attribution.pricePnl },
    { metric: "funding", baseline: b.attribution.funding, shocked: s.attribution.funding },
    { metric: "borrowCost", baseline: b.attribution.borrowCost, shocked: s.attribution.borrowCost },
    { metric: "stakingYield", baseline: b.attribution.stakingYield, shocked: s.attribution.stakingYield },
  ];
  const baseByTime = new Map(basePath.rows.map((r) => [r.t, r.equity]));
  const path: StressPath = { time: [], equity: [], baselineEquity: [], healthFactor: [], marginRatio: { binance: [], bybit: [], okx: [] } };
  for (const r of shockPath.rows) {
    path.time.push(r.t);
    path.equity.push(r.equity);
    path.baselineEquity.push(baseByTime.get(r.t) ?? Number.NaN);
    path.healthFactor.push(r.hf);
    CEX_VENUES.forEach((v, i) => path.marginRatio[v].push(r.mr[i] ?? null));
  }
  const first = liquidations[0];
  const loss = b.finalEquity - s.finalEquity;
  return {
    baseline,
    shocked,
    stress: {
      scenario: describeScenario(scenario),
      shockTime: new Date(at).toISOString(),
      shockStep: (at - opts.start) / HOUR_MS,
      liquidated: liquidations.length > 0,
      firstLiquidationTime: first ? first.time : null,
      firstLiquidationStep: first ? first.step : null,
      liquidations,
      table,
      loss,
      lossPct: b.finalEquity !== 0 ? loss / b.finalEquity : 0,
      path,
    },
  };
}

function countLiquidations(r: BacktestResult): number {
  return r.events.filter((e) => e.type === "PositionLiquidated").length;
}

/** CEX losses are USDT; AAVE penalties are ETH: both converted to the run's share class via its fill prices. */
function lossInShareClass(amount: number, payload: Readonly<Record<string, unknown>>, r: BacktestResult): number {
  const cls = r.summary.shareClass;
  if (typeof payload.forfeited === "number") {
    // forfeited USDT: in an ETH class divide by the mark the event carries
    return cls === "USDT" ? amount : typeof payload.mark === "number" ? amount / payload.mark : amount;
  }
  // AAVE penalty in ETH: in a USDT class multiply by the ETH price the event carries
  return cls === "ETH" ? amount : typeof payload.ethUsdt === "number" ? amount * payload.ethUsdt : amount;
}
