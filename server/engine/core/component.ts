// The lifecycle every component shares (ready → running → degraded → faulted → stopped) and the
// health record the health manager reads without knowing what a component does.
import type { EngineError } from "./errors";

export const COMPONENT_STATES = ["ready", "running", "degraded", "faulted", "stopped"] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];
export type HealthStatus = "healthy" | "degraded" | "unhealthy" | "not_configured";

export interface ComponentHealth {
  readonly component: string;
  readonly state: ComponentState;
  readonly status: HealthStatus;
  /** Clock time of the last update (UTC epoch ms), NaN before the first. */
  readonly lastUpdate: number;
  /** Last 10 errors, oldest first. */
  readonly errors: readonly { code: string; message: string; time: number }[];
  readonly metrics: { updates: number; meanProcessingMs: number | null; errorRate: number };
}

/** Receives lifecycle transitions so they become ComponentStateChanged events. */
export type StateListener = (component: string, from: ComponentState, to: ComponentState) => void;

export abstract class EngineComponent {
  readonly name: string;
  state: ComponentState = "ready";
  updates = 0;
  lastUpdate = Number.NaN;
  private readonly errors: { code: string; message: string; time: number }[] = [];
  private errorCount = 0;
  private errorsSinceLast100 = 0;
  private listener: StateListener | null = null;
  /** Total measured processing time, when the engine was given a timer. */
  processingMs = 0;
  timedUpdates = 0;

  constructor(name: string) {
    this.name = name;
  }

  onStateChange(listener: StateListener): void {
    this.listener = listener;
  }

  transition(to: ComponentState): void {
    if (to === this.state) return;
    const from = this.state;
    this.state = to;
    this.listener?.(this.name, from, to);
  }

  /** Counts one update at clock time `t` (cheap: called every tick). */
  touch(t: number): void {
    this.updates++;
    this.lastUpdate = t;
    if (this.updates % 100 === 0) this.errorsSinceLast100 = 0;
  }

  recordError(err: EngineError, t: number): void {
    this.errorCount++;
    this.errorsSinceLast100++;
    this.errors.push({ code: err.code, message: err.message, time: t });
    if (this.errors.length > 10) this.errors.shift();
  }

  health(): ComponentHealth {
    const status: HealthStatus =
      this.state === "faulted" ? "unhealthy" : this.state === "degraded" || this.errorsSinceLast100 > 0 ? "degraded" : "healthy";
    return {
      component: this.name,
      state: this.state,
      status,
      lastUpdate: this.lastUpdate,
      errors: [...this.errors],
      metrics: {
        updates: this.updates,
        meanProcessingMs: this.timedUpdates > 0 ? this.processingMs / this.timedUpdates : null,
        errorRate: this.updates > 0 ? this.errorCount / this.updates : 0,
      },
    };
  }
}
