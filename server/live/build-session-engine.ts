// Builds a live session's engine: the same createEngine/wireBacktest wiring as a backtest, with a
// replay clock over the stored data set, the engine's simulated venues as paper venues, a sink
// that hands each step's row and events to the runner, and a kill-switch wrapper around the
// strategy. Nothing here forks the engine: the only differences are the clock and the sink.
import type { MarketData } from "@/server/market-data/series";
import { HOUR_MS } from "@/server/engine/core/clock";
import { DataProvider } from "@/server/engine/components/data-provider";
import { EventLogger } from "@/server/engine/components/event-logger";
import { createEngine, type Engine } from "@/server/engine/kernel";
import { wireBacktest } from "@/server/engine/wire-backtest";
import type { BasisParams } from "@/server/engine/config/basis-params";
import type { LendingParams } from "@/server/engine/config/lending-params";
import type { ModeId } from "@/server/engine/config/modes";
import type { KeyRegistry } from "@/server/engine/core/position-keys";
import type { Strategy, StrategyContext } from "@/server/engine/strategies/strategy";
import { flattenStepRecord, type EngineEvent, type ResultsSink, type StepRecord } from "@/server/engine/types";
import type { Venue } from "@/server/engine/venues/venue";
import { ReplayClock } from "./replay-clock";

export type SessionParams = LendingParams | BasisParams;

/** One step's output, copied out of the engine's reused record. */
export interface CollectedStep {
  readonly record: Float64Array;
  readonly equity: number;
  readonly nav: number;
  readonly time: number;
  readonly attribution: Record<string, number>;
  readonly positions: Record<string, number>;
  readonly risk: {
    healthFactor: number | null;
    ltv: number | null;
    marginRatio: Record<string, number | null>;
    liquidationDistance: number | null;
    deltaRatio: number;
  };
  readonly stale: boolean;
}

/** Collects what the engine produces during one step; the runner drains it after the step. */
export class StepCollector implements ResultsSink {
  step: CollectedStep | null = null;
  events: EngineEvent[] = [];

  onStep(rec: Readonly<StepRecord>): void {
    this.step = {
      record: flattenStepRecord(rec),
      equity: rec.equity,
      nav: rec.nav,
      time: rec.time,
      attribution: { ...rec.attribution },
      positions: { ...rec.positions },
      risk: {
        healthFactor: rec.risk.healthFactor,
        ltv: rec.risk.ltv,
        marginRatio: { ...rec.risk.marginRatio },
        liquidationDistance: rec.risk.liquidationDistance,
        deltaRatio: rec.exposures.deltaRatio,
      },
      stale: rec.stale === 1,
    };
  }

  onEvent(ev: EngineEvent): void {
    this.events.push(ev);
  }

  drain(): { step: CollectedStep | null; events: EngineEvent[] } {
    const out = { step: this.step, events: this.events };
    this.step = null;
    this.events = [];
    return out;
  }
}

/**
 * Wraps the mode's strategy so an operator's kill switch exits every position at the next step:
 * it runs the strategy's own end-of-run exit (closeAtEnd on the last tick), so the exit uses the
 * same orders, fees and reconciliation as any other exit.
 */
export class KillSwitchStrategy implements Strategy {
  readonly name: string;
  readonly keys: readonly string[];
  private armed = false;
  fired = false;

  constructor(
    private readonly inner: Strategy,
    private readonly params: SessionParams,
  ) {
    this.name = inner.name;
    this.keys = inner.keys;
  }

  arm(): void {
    this.armed = true;
  }

  step(ctx: StrategyContext): void {
    if (!this.armed) return this.inner.step(ctx);
    this.armed = false;
    this.fired = true;
    const closeAtEnd = this.params.closeAtEnd;
    this.params.closeAtEnd = true;
    ctx.last = true;
    try {
      this.inner.step(ctx);
    } finally {
      this.params.closeAtEnd = closeAtEnd;
    }
  }
}

export interface SessionEngine {
  readonly engine: Engine;
  /** The parameter object the strategy reads every tick (operator changes are applied to it). */
  readonly params: SessionParams;
  readonly clock: ReplayClock;
  readonly data: DataProvider;
  readonly logger: EventLogger;
  readonly keys: KeyRegistry;
  readonly venues: readonly Venue[];
  readonly collector: StepCollector;
  readonly killSwitch: KillSwitchStrategy;
  readonly warnings: readonly string[];
}

export interface BuildSessionEngineInput {
  mode: ModeId;
  /** Validated parameters (the mode schema's output); copied, never shared with the caller. */
  params: SessionParams;
  data: MarketData;
  start: number;
  end: number;
  capital: number;
}

/** Wires the engine exactly as a backtest of the same window, but driven one paced step at a time. */
export function buildSessionEngine(input: BuildSessionEngineInput): SessionEngine {
  const params = structuredClone(input.params);
  const data = new DataProvider(input.data, input.start, input.end, HOUR_MS, params.maxStaleHours);
  const collector = new StepCollector();
  const logger = new EventLogger(collector, null);
  const wiring = wireBacktest(input.mode, params, data, input.capital, logger);
  const killSwitch = new KillSwitchStrategy(wiring.config.strategy, params);
  const clock = new ReplayClock(input.start, input.end);
  const engine = createEngine({
    clock,
    data,
    venues: wiring.venues,
    sink: collector,
    logger,
    config: { ...wiring.config, executionMode: "live", strategy: killSwitch },
    // live health shows each component's mean processing time (a backtest passes no timer)
    timer: () => performance.now(),
  });
  return { engine, params, clock, data, logger, keys: wiring.config.keys, venues: wiring.venues, collector, killSwitch, warnings: wiring.warnings };
}

/** Venue-reported amount per key (what reconciliation compares the ledger against). */
export function reportVenuePositions(se: SessionEngine): Float64Array {
  const out = new Float64Array(se.keys.size);
  for (const v of se.venues) v.reportPositions(out);
  return out;
}

/** Moves every component to "stopped" as engine.run() does at the end (kernel's registration order, so events match a backtest). */
export function stopEngineComponents(se: SessionEngine): void {
  const c = se.engine.components;
  for (const comp of [se.data, c.positions, c.exposure, c.risk, c.strategy, c.execution, c.handler, c.pnl, c.logger, c.reconciliation]) comp.transition("stopped");
}
