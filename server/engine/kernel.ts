// The kernel: createEngine wires the components once and runs the full loop per tick (domain §4.3);
// backtest and live differ only in the clock, data and venues passed in. wireBacktest is the one
// place that branches on mode: keys, strategy, simulated venues and valuation for each mode.
import { EngineComponent } from "./core/component";
import type { Clock } from "./core/clock";
import { HOUR_MS } from "./core/clock";
import { EngineError, isEngineError } from "./core/errors";
import { KeyRegistry } from "./core/position-keys";
import type { BasisParams } from "./config/basis-params";
import type { LendingParams } from "./config/lending-params";
import { MODE_INFO, type AnyModeParams, type ModeId } from "./config/modes";
import { GAS_SERIES, REFERENCE_SPOT, fundingSeriesId, perpSeriesId, requiredSeries } from "./config/required-series";
import { checkCoverage, type DataProvider } from "./components/data-provider";
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
import { buildSlotValuation, type SlotValuation } from "./components/valuation";
import { BasisStrategy, type HedgeLeg } from "./strategies/basis";
import { LendingStrategy, lendingKeys } from "./strategies/lending";
import type { Strategy } from "./strategies/strategy";
import { CEX_VENUES, POSITION_VENUES, type CexVenue, type ResultsSink, type ShareClass } from "./types";
import { createCostModel } from "./venues/cost-model";
import { SimulatedCex } from "./venues/simulated-cex";
import { SimulatedChain } from "./venues/simulated-chain";
import type { Venue } from "./venues/venue";
import { isStakingFamily, wireStakingFamily, type StakingFamilyParams } from "./wire-staking";
import { isDirectional, wireDirectional, type DirectionalInputs } from "./wire-directional";
import type { DirectionalParams } from "./config/directional-params";

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

export interface BacktestWiring {
  readonly config: EngineConfig;
  readonly venues: readonly Venue[];
  readonly hedgeWeights: Partial<Record<CexVenue, number>>;
  readonly warnings: string[];
}

const ONE_DAY = 24 * HOUR_MS;

/** Fails up front (DATA-003) when a required series does not cover the window. */
function requireCoverage(data: DataProvider, ids: readonly string[]): void {
  for (const id of ids) {
    const kind = id.split(":")[0];
    const maxGap = kind === "aave" ? 2 * ONE_DAY : data.maxStaleMs;
    const problem = checkCoverage(data.data.series.get(id), id, data.start, data.end, ONE_DAY, maxGap);
    if (problem) throw new EngineError("DATA-003", `${problem.series} ${problem.problem}`);
  }
}

/**
 * Builds the mode's keys, strategy, simulated venues and valuation for a backtest over `data`.
 * The one place that branches on mode.
 */
export function wireBacktest(mode: ModeId, params: AnyModeParams, data: DataProvider, capital: number, logger: EventLogger, inputs: DirectionalInputs = {}): BacktestWiring {
  // staking, leveraged and market-neutral modes (issue 6): same kernel, their own keys and venues
  if (isStakingFamily(mode)) return wireStakingFamily(mode, params as StakingFamilyParams, data, capital, logger);
  if (isDirectional(mode)) return wireDirectional(mode, params as DirectionalParams, data, capital, inputs);
  const info = MODE_INFO[mode];
  requireCoverage(data, requiredSeries(mode, params));
  const cost = createCostModel(params.costs, params.gasCostMultiplier);
  const gasGwei = data.asOf(GAS_SERIES, "gasPriceGwei");
  const warnings: string[] = [];
  const one = data.constant(1);

  if (mode === "pure_lending_usdt" || mode === "pure_lending_eth") {
    const p = params as LendingParams;
    const asset = mode === "pure_lending_usdt" ? "USDT" : "ETH";
    const reserve = asset === "USDT" ? "aave:USDT" : "aave:WETH";
    const liq = data.index(reserve, "liquidityIndex");
    const ethUsdt = asset === "USDT" ? data.priceOpen(REFERENCE_SPOT.ETH) : one;
    const keys = new KeyRegistry(lendingKeys(asset));
    const chain = new SimulatedChain(keys, { liquidityIndex: { [asset === "USDT" ? "USDT" : "WETH"]: liq }, gasGwei, ethUsdt }, cost);
    const strategy = new LendingStrategy(asset, p, chain, liq, asset === "USDT" ? ethUsdt : null);
    strategy.bind(keys);
    const walletSlot = keys.slot(strategy.keys[0] as string);
    chain.fund(walletSlot, capital);
    const priceOf = (a: string): Float64Array => (a === asset ? one : a === "ETH" ? ethUsdt : one);
    const slots = keys.keys.map((key) => buildSlotValuation(key, info.shareClass, priceOf, () => liq));
    return {
      config: {
        mode,
        shareClass: info.shareClass,
        executionMode: "backtest",
        capital,
        keys,
        strategy,
        slots,
        perps: [],
        usdtPx: asset === "USDT" ? one : data.ratio("usdtPerEth", one, ethUsdt),
        ethPx: asset === "USDT" ? ethUsdt : one,
        assetPx: [null, asset === "USDT" ? ethUsdt : one],
        riskLevels: { warning: 0.2, critical: 0.15, maintenance: 0.1 },
        opening: [{ slot: walletSlot, amount: capital }],
        cashKey: { venue: "wallet", asset, slot: walletSlot },
      },
      venues: [chain],
      hedgeWeights: {},
      warnings,
    };
  }

  // basis modes
  const p = params as BasisParams;
  const asset = mode === "btc_basis" ? "BTC" : "ETH";
  const spot = data.priceOpen(REFERENCE_SPOT[asset]);
  const ethUsdt = data.priceOpen(REFERENCE_SPOT.ETH);
  const eligible: { venue: CexVenue; weight: number }[] = [];
  for (const venue of CEX_VENUES) {
    const w = p.hedgeAllocation[venue];
    if (!(w > 0)) continue;
    const perpId = perpSeriesId(venue, asset);
    const fundId = fundingSeriesId(venue, asset);
    const problem =
      checkCoverage(data.data.series.get(perpId), perpId, data.start, data.end, ONE_DAY, data.maxStaleMs) ??
      checkCoverage(data.data.series.get(fundId), fundId, data.start, data.end, ONE_DAY, ONE_DAY);
    if (problem) {
      const msg = `hedge venue ${venue} excluded: ${problem.series} ${problem.problem}`;
      warnings.push(msg);
      logger.emit(data.start, "HedgeVenueExcluded", "strategy-manager", { venue, series: problem.series, problem: problem.problem }, "MEDIUM", venue);
      continue;
    }
    eligible.push({ venue, weight: w });
  }
  if (eligible.length === 0) throw new EngineError("CONFIG-002", `no hedge venue has ${asset} perp and funding data covering the window`);
  const wSum = eligible.reduce((s, e) => s + e.weight, 0);
  const hedgeWeights: Partial<Record<CexVenue, number>> = {};
  const legs: HedgeLeg[] = eligible.map((e) => {
    const weight = e.weight / wSum;
    hedgeWeights[e.venue] = weight;
    const fs = data.series(fundingSeriesId(e.venue, asset));
    return { venue: e.venue, weight, mark: data.priceOpen(perpSeriesId(e.venue, asset)), fundingSeries: { time: fs.time, rate: fs.fields.rate ?? new Float64Array(0) } };
  });
  if (eligible.length < CEX_VENUES.filter((v) => p.hedgeAllocation[v] > 0).length) {
    warnings.push(`hedge weights renormalised to ${eligible.map((e) => `${e.venue} ${(hedgeWeights[e.venue] ?? 0).toFixed(4)}`).join(", ")}`);
  }
  const strategy = new BasisStrategy(asset, p, legs, { spot, ethUsdt, gasGwei }, cost);
  const keys = new KeyRegistry(strategy.keys);
  strategy.bind(keys);
  const chain = new SimulatedChain(keys, { liquidityIndex: {}, gasGwei, ethUsdt }, cost);
  const walletSlot = keys.slot("wallet:BaseToken:USDT");
  chain.fund(walletSlot, capital);
  const venues: Venue[] = [chain];
  const perps: PerpSlot[] = [];
  const cexVenues = new Set<CexVenue>(["binance", ...legs.map((l) => l.venue)]);
  for (const venue of cexVenues) {
    const leg = legs.find((l) => l.venue === venue);
    const funding = leg ? data.funding(fundingSeriesId(venue, asset)) : null;
    venues.push(
      new SimulatedCex(
        venue,
        keys,
        {
          spot: venue === "binance" ? { [asset]: spot } : {},
          mark: leg ? { [asset]: leg.mark } : {},
          funding: funding ? { [asset]: funding } : {},
          gasGwei,
          ethUsdt,
          maintenanceMarginRatio: p.maintenanceMarginRatio,
        },
        cost,
      ),
    );
    if (leg && funding) {
      perps.push({ venue, asset, sizeSlot: keys.slot(`${venue}:Perp:${asset}USDT`), usdtSlot: keys.slot(`${venue}:BaseToken:USDT`), mark: leg.mark, funding });
    }
  }
  const priceOf = (a: string): Float64Array => (a === "USDT" ? one : a === asset ? spot : a === "ETH" ? ethUsdt : one);
  const slots = keys.keys.map((key) => buildSlotValuation(key, info.shareClass, priceOf, () => null));
  return {
    config: {
      mode,
      shareClass: info.shareClass,
      executionMode: "backtest",
      capital,
      keys,
      strategy,
      slots,
      perps,
      usdtPx: one,
      ethPx: ethUsdt,
      assetPx: [asset === "BTC" ? spot : null, ethUsdt],
      riskLevels: { warning: p.marginWarningRatio, critical: p.marginCriticalRatio, maintenance: p.maintenanceMarginRatio },
      opening: [{ slot: walletSlot, amount: capital }],
      cashKey: { venue: "wallet", asset: "USDT", slot: walletSlot },
    },
    venues,
    hedgeWeights,
    warnings,
  };
}
