// The kernel: createEngine wires the components once and runs the full loop per tick (domain §4.3);
// backtest and live differ only in the clock, data and venues passed in. The per-mode wiring
// (wireBacktest) is in wire-backtest.ts.
import { EngineComponent } from "./core/component";
import type { Clock } from "./core/clock";
import { EngineError, isEngineError } from "./core/errors";
import { KeyRegistry } from "./core/position-keys";
import { type ModeId } from "./config/modes";
import { type DataProvider } from "./components/data-provider";
import { EventLogger } from "./components/event-logger";
import { ExecutionManager } from "./components/execution-manager";
import { ExposureMonitor } from "./components/exposure-monitor";
import { HealthManager, type EngineStatus } from "./components/health-manager";
import { PnlCalculator } from "./components/pnl-calculator";
import { PositionMonitor, type PerpSlot } from "./components/position-monitor";
import { PositionUpdateHandler } from "./components/position-update-handler";
import { Reconciliation } from "./components/reconciliation";
import { RiskMonitor, type RiskLevels } from "./components/risk-monitor";
import { StrategyManager } from "./components/strategy-manager";
import { ResultsSinkComponent } from "./components/results-sink";
import { type SlotValuation } from "./components/valuation";
import type { Strategy } from "./strategies/strategy";
import { POSITION_VENUES, type ResultsSink, type ShareClass } from "./types";
import type { Venue } from "./venues/venue";

/** Everything mode-specific the generic loop needs. */
export interface EngineConfig {
  readonly mode: ModeId;
  readonly shareClass: ShareClass;
  readonly executionMode: "backtest" | "live";
  readonly capital: number;
  readonly keys: KeyRegistry;
  readonly strategy: Strategy;
  readonly slots: readonly SlotValuation[];
  readonly perps: readonly PerpSlot[];
  /** Share-class price of one USDT and of one ETH, per tick. */
  readonly usdtPx: Float64Array;
  readonly ethPx: Float64Array | null;
  /** Share-class price per delta asset (BTC, ETH), per tick. */
  readonly assetPx: readonly (Float64Array | null)[];
  readonly riskLevels: RiskLevels;
  /** Opening ledger (the venues are funded identically by the caller). */
  readonly opening: readonly { slot: number; amount: number }[];
  /** Capital flows per tick in share-class currency (+ deposit, − withdrawal); absent = none. */
  readonly flows?: Float64Array;
  /** Where flows land and leave: the wallet's share-class balance. */
  readonly cashKey?: { readonly venue: "wallet"; readonly asset: string; readonly slot: number };
}

export interface EngineDeps {
  readonly clock: Clock;
  readonly data: DataProvider;
  readonly venues: readonly Venue[];
  readonly sink: ResultsSink | null;
  readonly logger: EventLogger;
  readonly config: EngineConfig;
  /**
   * Monotonic milliseconds (live passes performance.now); when given, each component's health reports
   * its mean processing time. Backtests pass none, so results never depend on wall time.
   */
  readonly timer?: () => number;
}

export interface EngineRunState {
  /** NAV per tick (first `ticks` entries valid). */
  readonly nav: Float64Array;
  ticks: number;
  ticksInMarket: number;
  maxAbsDeltaRatio: number;
}

export interface Engine {
  /** Runs the full loop for one tick; false when the clock is exhausted. */
  step(): boolean;
  /** Runs every remaining tick (backtest), then stop(). */
  run(): void;
  /** Moves every component to "stopped" (in registration order; emits ComponentStateChanged). */
  stop(): void;
  status(): EngineStatus;
  readonly state: EngineRunState;
  /** Shares outstanding (initial capital at NAV 1, moved by flows). */
  shares(): number;
  readonly components: {
    readonly positions: PositionMonitor;
    readonly exposure: ExposureMonitor;
    readonly risk: RiskMonitor;
    readonly pnl: PnlCalculator;
    readonly strategy: StrategyManager;
    readonly reconciliation: Reconciliation;
    readonly execution: ExecutionManager;
    readonly handler: PositionUpdateHandler;
    readonly logger: EventLogger;
  };
}

/** Wires the components and returns the engine; the same wiring serves backtest and live. */
export function createEngine(deps: EngineDeps): Engine {
  const { clock, data, venues, sink, logger, config } = deps;
  const health = new HealthManager();
  const pnl = new PnlCalculator(config.capital, config.slots);
  const positions = new PositionMonitor(config.keys, config.perps, config.riskLevels.maintenance, config.usdtPx, pnl, logger);
  for (const o of config.opening) positions.ledger[o.slot] = (positions.ledger[o.slot] as number) + o.amount;
  const exposure = new ExposureMonitor(config.slots, config.perps, config.assetPx, config.shareClass !== "USDT");
  const risk = new RiskMonitor(config.perps, config.riskLevels, logger, config.slots, POSITION_VENUES.indexOf("aave_v3"));
  const reconciliation = new Reconciliation(config.keys, venues, logger);
  const ledger = positions.ledger;
  let k = 0;
  let t = 0;
  const tightLoop = (): void => {
    reconciliation.check(ledger, t, true);
    exposure.update(k, ledger);
    risk.update(k, t, ledger, exposure.deltaRatio);
  };
  const handler = new PositionUpdateHandler(positions, pnl, config.usdtPx, config.ethPx, tightLoop);
  const execution = new ExecutionManager(venues, handler, positions, logger);
  const strategy = new StrategyManager(config.strategy, ledger, execution, exposure, risk, logger);
  const results = sink ? new ResultsSinkComponent(sink, exposure, risk, pnl, strategy, data.stale) : null;
  // the results sink publishes but is not in the lifecycle list: its transitions would add events
  // that depend on whether a sink is attached, and a run's event log must not
  const components: EngineComponent[] = [data, positions, exposure, risk, strategy, execution, handler, pnl, logger, reconciliation];
  for (const c of components) {
    health.register(c);
    c.onStateChange((name, from, to) => logger.emit(Number.isFinite(clock.now) ? clock.now : 0, "ComponentStateChanged", "health-manager", { name, from, to }));
  }
  const state: EngineRunState = { nav: new Float64Array(Number.isFinite(clock.totalTicks) ? clock.totalTicks : 0), ticks: 0, ticksInMarket: 0, maxAbsDeltaRatio: 0 };
  let shares = config.capital;
  const flows = config.flows ?? null;
  const cashKey = config.cashKey ?? null;
  const stale = data.stale;
  let wasStale = false;
  let started = false;
  const timer = deps.timer ?? null;
  let mark = 0;
  /** Charges the time since the previous lap to `c` (its share of this tick's processing). */
  const lap = (c: EngineComponent): void => {
    if (timer === null) return;
    const now = timer();
    c.processingMs += now - mark;
    c.timedUpdates++;
    mark = now;
  };

  const step = (): boolean => {
    if (!clock.advance()) return false;
    if (!started) {
      started = true;
      for (const c of components) c.transition("running");
    }
    k = clock.tick;
    t = clock.now;
    if (timer !== null) mark = timer();
    try {
      const isStale = stale[k] === 1;
      if (isStale !== wasStale) {
        if (isStale) logger.emit(t, "DataStale", data.name, { since: t }, "MEDIUM");
        wasStale = isStale;
      }
      data.touch(t);
      lap(data);
      pnl.beginTick(k, ledger);
      for (let v = 0; v < venues.length; v++) (venues[v] as Venue).settle(k);
      positions.settle(k, t);
      positions.touch(t);
      lap(positions);
      reconciliation.check(ledger, t, false);
      reconciliation.touch(t);
      lap(reconciliation);
      exposure.update(k, ledger);
      exposure.touch(t);
      lap(exposure);
      risk.update(k, t, ledger, exposure.deltaRatio);
      risk.touch(t);
      lap(risk);
      // flows: shares move at NAV after the market move and settlements, before the flow (domain §5)
      const flow = flows !== null ? (flows[k] as number) : 0;
      let netFlow = 0;
      let withdrawal = 0;
      let navMinus = 1;
      if (flow !== 0) {
        if (cashKey === null) throw new EngineError("CONFIG-001", "this mode has no wallet balance for capital flows");
        navMinus = exposure.equity / shares;
        if (flow > 0) {
          execution.credit(cashKey.venue, cashKey.asset, flow, k, t);
          shares += flow / navMinus;
          netFlow = flow;
        } else withdrawal = -flow;
      }
      strategy.step(k, t, k === clock.totalTicks - 1, isStale, flow > 0 ? flow : 0, withdrawal);
      strategy.touch(t);
      lap(strategy);
      if (withdrawal > 0 && cashKey !== null) {
        // paid at the end of the tick from the wallet; a shortfall is paid partly and reported
        const available = Math.max(0, ledger[cashKey.slot] as number);
        const paid = Math.min(withdrawal, available);
        if (paid > 0) {
          execution.execute({ venue: "wallet", operation: "transfer", asset: cashKey.asset, amount: paid, reason: "withdrawal" }, k, t);
          shares -= paid / navMinus;
          netFlow = -paid;
        }
        logger.emit(t, "CapitalWithdrawn", "execution-manager", { requested: withdrawal, paid }, paid < withdrawal * (1 - 1e-9) ? "HIGH" : undefined, "wallet");
      }
      pnl.closeTick(exposure.equity, netFlow, t);
      pnl.touch(t);
      lap(pnl);
      const equity = exposure.equity;
      if (k < state.nav.length) state.nav[k] = equity / shares;
      state.ticks = k + 1;
      if (exposure.gross >= 0.01 * equity) state.ticksInMarket++;
      if (exposure.deltaRatio > state.maxAbsDeltaRatio) state.maxAbsDeltaRatio = exposure.deltaRatio;
      if (results) results.publish(k, t, shares, netFlow, clock.totalTicks);
    } catch (e) {
      const err = isEngineError(e) ? e : new EngineError("EDS-001", e instanceof Error ? e.message : String(e));
      const owner = components.find((c) => c.name === err.component) ?? strategy;
      owner.recordError(err, t);
      owner.transition("faulted");
      throw err;
    }
    return true;
  };

  return {
    step,
    run() {
      while (step()) {
        /* each call runs one full tick */
      }
      for (const c of components) c.transition("stopped");
    },
    stop() {
      for (const c of components) c.transition("stopped");
    },
    status: () => health.status(config.mode, config.shareClass, config.executionMode),
    shares: () => shares,
    state,
    components: { positions, exposure, risk, pnl, strategy, reconciliation, execution, handler, logger },
  };
}
