// Health manager: reads every component's lifecycle state and health record and aggregates them
// with the mode, share class and execution mode into engine.status().
import type { ComponentHealth, EngineComponent, HealthStatus } from "../core/component";
import type { ShareClass } from "../types";

export interface EngineStatus {
  readonly mode: string;
  readonly shareClass: ShareClass;
  readonly executionMode: "backtest" | "live";
  readonly status: HealthStatus;
  readonly components: readonly ComponentHealth[];
}

export class HealthManager {
  private readonly components: EngineComponent[] = [];

  register(c: EngineComponent): void {
    this.components.push(c);
  }

  all(): readonly EngineComponent[] {
    return this.components;
  }

  status(mode: string, shareClass: ShareClass, executionMode: "backtest" | "live"): EngineStatus {
    const components = this.components.map((c) => c.health());
    const status: HealthStatus = components.some((c) => c.status === "unhealthy")
      ? "unhealthy"
      : components.some((c) => c.status === "degraded")
        ? "degraded"
        : "healthy";
    return { mode, shareClass, executionMode, status, components };
  }
}
