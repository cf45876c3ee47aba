// The replay clock: implements the engine's Clock over a stored data set's hourly grid, like the
// backtest clock, and tells the session runner how long (wall time) each tick should take at the
// chosen speed. It stays synchronous; the runner does the waiting between steps.
import { HOUR_MS, type Clock } from "@/server/engine/core/clock";
import { EngineError } from "@/server/engine/core/errors";

export class ReplayClock implements Clock {
  now = Number.NaN;
  tick = -1;
  readonly totalTicks: number;
  readonly start: number;
  readonly end: number;

  constructor(start: number, end: number) {
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || start % HOUR_MS !== 0 || end % HOUR_MS !== 0) {
      throw new EngineError("EDS-001", `replay window must be on the hour with end ≥ start (start ${start}, end ${end})`);
    }
    this.start = start;
    this.end = end;
    this.totalTicks = (end - start) / HOUR_MS + 1;
  }

  advance(): boolean {
    if (this.tick + 1 >= this.totalTicks) return false;
    const next = this.start + (this.tick + 1) * HOUR_MS;
    if (this.tick >= 0 && !(next > this.now)) throw new EngineError("EDS-001", `clock did not increase (${this.now} → ${next})`);
    this.tick++;
    this.now = next;
    return true;
  }
}

/** Wall-clock milliseconds per hourly tick at `speed` market hours per second. */
export function wallMsPerTick(speed: number): number {
  return 1000 / speed;
}
