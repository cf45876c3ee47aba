// Engine clocks: the backtest clock steps hourly from start to end inclusive and refuses to go
// backwards (EDS-001); a live clock (later issue) implements the same interface with wall time.
import { EngineError } from "./errors";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface Clock {
  /** Current tick time (UTC epoch ms); NaN before the first advance. */
  readonly now: number;
  /** Index of the current tick from 0. */
  readonly tick: number;
  /** Total ticks when known (backtest), else Infinity. */
  readonly totalTicks: number;
  /** Moves to the next tick; false when the run is over. */
  advance(): boolean;
}

export class BacktestClock implements Clock {
  now = Number.NaN;
  tick = -1;
  readonly totalTicks: number;
  readonly start: number;
  readonly end: number;
  readonly stepMs: number;

  constructor(start: number, end: number, stepMs = HOUR_MS) {
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || start % stepMs !== 0 || end % stepMs !== 0) {
      throw new EngineError("EDS-001", `backtest window must be on the step grid with end ≥ start (start ${start}, end ${end})`);
    }
    this.start = start;
    this.end = end;
    this.stepMs = stepMs;
    this.totalTicks = (end - start) / stepMs + 1;
  }

  advance(): boolean {
    if (this.tick + 1 >= this.totalTicks) return false;
    const next = this.start + (this.tick + 1) * this.stepMs;
    if (!(next > this.now) && this.tick >= 0) throw new EngineError("EDS-001", `clock did not increase (${this.now} → ${next})`);
    this.tick++;
    this.now = next;
    return true;
  }
}
