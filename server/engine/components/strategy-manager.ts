// Strategy manager: runs the mode's strategy once per tick through a reusable context, records
// each decision (DecisionTaken) and counts rebalances (decisions not driven by flows or the run).
import { EngineComponent } from "../core/component";
import type { Handshake, Order } from "../messages/orders";
import type { Strategy, StrategyContext } from "../strategies/strategy";
import { DECISION_REASONS, STRATEGY_ACTIONS, type DecisionReason, type EventPayloadValue, type EventSeverity, type StrategyAction } from "../types";
import type { EventLogger } from "./event-logger";
import type { ExecutionManager } from "./execution-manager";
import type { ExposureMonitor } from "./exposure-monitor";
import type { RiskMonitor } from "./risk-monitor";

const NOT_REBALANCES: ReadonlySet<DecisionReason> = new Set(["initial", "deposit", "withdrawal", "end_of_run"]);

export class StrategyManager extends EngineComponent {
  readonly strategy: Strategy;
  private readonly ctx: StrategyContext;
  decisions = 0;
  rebalances = 0;
  /** Action and reason codes of this tick's decision (index + 1; 0 = none). */
  action = 0;
  reason = 0;

  constructor(strategy: Strategy, ledger: Float64Array, exec: ExecutionManager, exposure: ExposureMonitor, risk: RiskMonitor, log: EventLogger) {
    super("strategy-manager");
    this.strategy = strategy;
    const ctx: StrategyContext = {
      k: 0,
      t: 0,
      last: false,
      stale: false,
      deposit: 0,
      withdrawal: 0,
      ledger,
      equity: () => exposure.equity,
      deltaRatio: () => exposure.deltaRatio,
      lowestMargin: () => risk.lowestMargin(),
      execute: (order: Order): Handshake => exec.execute(order, ctx.k, ctx.t),
      executeAtomic: (orders: readonly Order[]) => exec.executeAtomic(orders, ctx.k, ctx.t),
      decide: (action: StrategyAction, reason: DecisionReason, payload?: Readonly<Record<string, EventPayloadValue>>) => {
        this.decisions++;
        if (!NOT_REBALANCES.has(reason)) this.rebalances++;
        this.action = STRATEGY_ACTIONS.indexOf(action) + 1;
        this.reason = DECISION_REASONS.indexOf(reason) + 1;
        log.emit(ctx.t, "DecisionTaken", this.name, { action, reason, ...payload });
      },
      emit: (type: string, payload: Readonly<Record<string, EventPayloadValue>>, severity?: EventSeverity, venue?: string) => {
        log.emit(ctx.t, type, this.strategy.name, payload, severity, venue);
      },
    };
    this.ctx = ctx;
  }

  step(k: number, t: number, last: boolean, stale: boolean, deposit = 0, withdrawal = 0): void {
    const ctx = this.ctx;
    ctx.deposit = deposit;
    ctx.withdrawal = withdrawal;
    ctx.k = k;
    ctx.t = t;
    ctx.last = last;
    ctx.stale = stale;
    this.action = 0;
    this.reason = 0;
    this.strategy.step(ctx);
  }
}
