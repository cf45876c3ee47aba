// The strategy contract: one strategy per mode family decides at each tick and executes orders
// through the context (each execution runs the tight loop before the next order is sized).
import type { Handshake, Order } from "../messages/orders";
import type { DecisionReason, EventPayloadValue, EventSeverity, StrategyAction } from "../types";

export interface StrategyContext {
  /** Tick index and time. */
  k: number;
  t: number;
  /** True on the run's last tick. */
  last: boolean;
  /** True when a price this tick is a carried-forward close: place no risk-increasing orders. */
  stale: boolean;
  /** Capital deposited into the wallet this tick (deploy it now), share-class currency. */
  deposit: number;
  /** Capital to pay out at the end of this tick: free it into the wallet's share-class balance. */
  withdrawal: number;
  readonly ledger: Float64Array;
  /** End-of-tick figures so far (refreshed by the tight loop after every execution). */
  equity(): number;
  deltaRatio(): number;
  /** Lowest CEX margin ratio over venues with a position, NaN when none. */
  lowestMargin(): number;
  execute(order: Order): Handshake;
  executeAtomic(orders: readonly Order[]): void;
  /** Records the decision (DecisionTaken) before its orders are sent. */
  decide(action: StrategyAction, reason: DecisionReason, payload?: Readonly<Record<string, EventPayloadValue>>): void;
  emit(type: string, payload: Readonly<Record<string, EventPayloadValue>>, severity?: EventSeverity, venue?: string): void;
}

export interface Strategy {
  readonly name: string;
  /** Position keys the strategy may touch (the mode's declared keys). */
  readonly keys: readonly string[];
  step(ctx: StrategyContext): void;
}
