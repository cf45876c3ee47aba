// Results sink component: fills the one reused StepRecord from the monitors at the end of each
// tick and hands it (and progress) to the run's ResultsSink (storage is the results store's job).
import { EngineComponent } from "../core/component";
import { createStepRecord, type ResultsSink, type StepRecord } from "../types";
import type { ExposureMonitor } from "./exposure-monitor";
import type { PnlCalculator } from "./pnl-calculator";
import type { RiskMonitor } from "./risk-monitor";
import type { StrategyManager } from "./strategy-manager";

const nullOrValue = (v: number): number | null => (v === v ? v : null);

export class ResultsSinkComponent extends EngineComponent {
  private readonly sink: ResultsSink;
  private readonly rec: StepRecord = createStepRecord();
  private readonly exposure: ExposureMonitor;
  private readonly risk: RiskMonitor;
  private readonly pnl: PnlCalculator;
  private readonly strategy: StrategyManager;
  private readonly stale: Uint8Array;

  constructor(sink: ResultsSink, exposure: ExposureMonitor, risk: RiskMonitor, pnl: PnlCalculator, strategy: StrategyManager, stale: Uint8Array) {
    super("results-sink");
    this.sink = sink;
    this.exposure = exposure;
    this.risk = risk;
    this.pnl = pnl;
    this.strategy = strategy;
    this.stale = stale;
  }

  publish(k: number, t: number, shares: number, netFlow: number, totalTicks: number): void {
    const rec = this.rec;
    const exposure = this.exposure;
    const risk = this.risk;
    rec.time = t;
    rec.equity = exposure.equity;
    rec.shares = shares;
    rec.nav = exposure.equity / shares;
    rec.netFlow = netFlow;
    rec.cash = exposure.cash;
    const a = rec.attribution;
    const inc = this.pnl.incr;
    a.funding = inc[0] as number;
    a.lendingInterest = inc[1] as number;
    a.borrowCost = inc[2] as number;
    a.stakingYield = inc[3] as number;
    a.pricePnl = inc[4] as number;
    a.fees = inc[5] as number;
    a.gas = inc[6] as number;
    a.residual = this.pnl.residual;
    rec.netDelta.BTC = exposure.netDelta[0] as number;
    rec.netDelta.ETH = exposure.netDelta[1] as number;
    rec.exposures.gross = exposure.gross;
    rec.exposures.netDeltaValue = exposure.netDeltaValue;
    rec.exposures.perpNotional = exposure.perpNotional;
    rec.exposures.deltaRatio = exposure.deltaRatio;
    const p = rec.positions;
    const bv = exposure.byVenue;
    p.wallet = bv[0] as number;
    p.binance = bv[1] as number;
    p.bybit = bv[2] as number;
    p.okx = bv[3] as number;
    p.aave_v3 = bv[4] as number;
    p.etherfi = bv[5] as number;
    p.lido = bv[6] as number;
    const r = rec.risk;
    r.healthFactor = nullOrValue(risk.healthFactor);
    r.ltv = nullOrValue(risk.ltv);
    r.marginRatio.binance = nullOrValue(risk.margin[0] as number);
    r.marginRatio.bybit = nullOrValue(risk.margin[1] as number);
    r.marginRatio.okx = nullOrValue(risk.margin[2] as number);
    r.liquidationDistance = nullOrValue(risk.liquidationDistance);
    rec.action = this.strategy.action;
    rec.reason = this.strategy.reason;
    rec.stale = this.stale[k] as number;
    this.sink.onStep(rec);
    if (this.sink.onProgress && ((k + 1) % 4096 === 0 || k + 1 === totalTicks)) this.sink.onProgress(k + 1, totalTicks);
  }
}
