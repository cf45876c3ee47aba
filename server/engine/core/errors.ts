// Registry of engine error codes (domain §6) and the EngineError that carries one. A backtest fails
// fast on any of them, keeping the code; live (later) propagates by severity.

export const ERROR_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export type ErrorSeverity = (typeof ERROR_SEVERITIES)[number];

export interface ErrorSpec {
  readonly code: string;
  readonly component: string;
  readonly severity: ErrorSeverity;
  readonly message: string;
  readonly resolution: string;
}

const spec = (code: string, component: string, severity: ErrorSeverity, message: string, resolution: string): ErrorSpec => ({
  code,
  component,
  severity,
  message,
  resolution,
});

/** Every code the engine can raise; one prefix per component. */
export const ERROR_REGISTRY = {
  "EDS-001": spec("EDS-001", "engine", "CRITICAL", "Orchestration failed", "Check the clock (it must strictly increase) and the component wiring; rerun."),
  "EDS-002": spec("EDS-002", "engine", "HIGH", "Component timeout", "A component did not answer in time; check its health and retry."),
  "EDS-003": spec("EDS-003", "strategy-manager", "CRITICAL", "Strategy engine failed", "The strategy produced an invalid decision; check the mode parameters."),
  "DATA-001": spec("DATA-001", "data-provider", "HIGH", "Data fetch failed", "Retry the fetch or import the files again."),
  "DATA-002": spec("DATA-002", "data-provider", "CRITICAL", "Data validation failed", "The data holds NaN, non-positive prices, falling indexes or time going backwards; re-import it."),
  "DATA-003": spec("DATA-003", "data-provider", "CRITICAL", "Source unavailable for the window", "Choose a window inside the data set's coverage or a data set that has the series."),
  "DATA-004": spec("DATA-004", "data-provider", "HIGH", "Data gap longer than maxStaleHours", "Fill the gap in the data or shorten the window."),
  "DATA-005": spec("DATA-005", "data-provider", "HIGH", "Price missing", "The snapshot has no price for an asset the mode needs; check the data set."),
  "POS-001": spec("POS-001", "reconciliation", "CRITICAL", "Reconciliation mismatch", "Ledger and venue books disagree: a delta was applied twice or lost."),
  "POS-002": spec("POS-002", "position-monitor", "CRITICAL", "Invalid delta", "A delta targeted a key the mode did not declare."),
  "POS-003": spec("POS-003", "position-monitor", "HIGH", "Position state unavailable", "A venue did not report positions; retry."),
  "POS-004": spec("POS-004", "position-update-handler", "HIGH", "Position update failed", "Re-read venue positions and reconcile."),
  "POS-005": spec("POS-005", "position-monitor", "MEDIUM", "Position query timeout", "Retry the venue query."),
  "EXEC-001": spec("EXEC-001", "execution-manager", "HIGH", "Execution failed", "Check the venue and order; retry."),
  "EXEC-002": spec("EXEC-002", "execution-manager", "HIGH", "Execution timeout", "Retry with the same client id."),
  "EXEC-003": spec("EXEC-003", "execution-manager", "CRITICAL", "Tight-loop reconciliation failed", "Positions after an execution disagree with the venue; stop and reconcile."),
  "EXEC-004": spec("EXEC-004", "execution-manager", "CRITICAL", "Execution system failure", "Stop the engine and inspect the venue adapters."),
  "EXEC-005": spec("EXEC-005", "execution-manager", "HIGH", "Atomic group failed", "The whole group was rolled back; check each leg's route and size."),
  "EXEC-006": spec("EXEC-006", "execution-manager", "HIGH", "Retry limit reached", "The venue kept failing; check its health."),
  "EXEC-007": spec("EXEC-007", "execution-manager", "CRITICAL", "Invalid order", "The order was rejected (insufficient balance, no route or bad size); check sizing."),
  "EXEC-008": spec("EXEC-008", "execution-manager", "CRITICAL", "Invalid handshake", "The venue answered with an unexpected handshake; check the adapter."),
  "VEN-001": spec("VEN-001", "venues", "CRITICAL", "Route missing", "The mode needs an operation no wired venue supports; fix the wiring."),
  "VEN-002": spec("VEN-002", "venues", "HIGH", "Venue timeout", "Retry; the venue may be slow."),
  "VEN-003": spec("VEN-003", "venues", "HIGH", "Venue unavailable", "Wait for the venue or exclude it."),
  "VEN-004": spec("VEN-004", "venues", "CRITICAL", "Venue interface not found", "Wire a venue implementation for every venue the mode uses."),
  "VEN-005": spec("VEN-005", "venues", "CRITICAL", "Venue authentication failed", "Check the venue credentials."),
  "VEN-006": spec("VEN-006", "venues", "MEDIUM", "Venue rate limit", "Back off and retry."),
  "EXP-001": spec("EXP-001", "exposure-monitor", "HIGH", "Exposure computation failed", "A position has no valuation price; check the snapshot."),
  "RISK-001": spec("RISK-001", "risk-monitor", "HIGH", "Risk computation failed", "Check the AAVE and margin inputs."),
  "STRAT-001": spec("STRAT-001", "strategy-manager", "CRITICAL", "Strategy decision failed", "The decision could not be sized; check parameters and balances."),
  "LOG-001": spec("LOG-001", "event-logger", "LOW", "Event log write failed", "The in-memory log is intact; check the JSON Lines target."),
  "RES-001": spec("RES-001", "results-sink", "HIGH", "Results sink failed", "Check the results store; rerun."),
  "PNL-001": spec("PNL-001", "pnl-calculator", "CRITICAL", "Attribution residual over tolerance", "An attribution term is missing or wrong: |residual| must be ≤ 1e-7 × capital."),
  "PNL-002": spec("PNL-002", "pnl-calculator", "CRITICAL", "Non-finite PnL or equity", "A price or balance became NaN/Infinity; check the data and the last execution."),
  "CONFIG-001": spec("CONFIG-001", "config", "CRITICAL", "Invalid configuration", "Fix the named parameter."),
  "CONFIG-002": spec("CONFIG-002", "config", "CRITICAL", "Inconsistent configuration", "Parameters contradict each other (ordering of thresholds, weights); fix them."),
  "CONFIG-003": spec("CONFIG-003", "config", "CRITICAL", "Unknown mode", "Use one of the listed modes."),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_REGISTRY;

/** An engine failure with a registered code; `detail` names the concrete problem. */
export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly component: string;
  readonly severity: ErrorSeverity;
  readonly resolution: string;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    const s = ERROR_REGISTRY[code];
    super(`${code} ${s.message}: ${detail}`);
    this.name = "EngineError";
    this.code = code;
    this.component = s.component;
    this.severity = s.severity;
    this.resolution = s.resolution;
    this.detail = detail;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

/** What the engine does with an error of a given severity (domain §6). */
export type ErrorPropagation = "fail_run" | "halt" | "retry" | "continue_degraded" | "log_only";

/**
 * Propagation by severity: a backtest fails fast on any error (keeping its code); live halts on
 * CRITICAL, retries HIGH with exponential backoff (at most 3 tries), runs degraded on MEDIUM and
 * only logs LOW.
 */
export function propagationFor(severity: ErrorSeverity, executionMode: "backtest" | "live"): ErrorPropagation {
  if (executionMode === "backtest") return "fail_run";
  switch (severity) {
    case "CRITICAL":
      return "halt";
    case "HIGH":
      return "retry";
    case "MEDIUM":
      return "continue_degraded";
    case "LOW":
      return "log_only";
  }
}

/** Live retry schedule for HIGH errors: 0.1 s doubling, at most 3 tries (null when exhausted). */
export function retryDelaySeconds(attempt: number, baseSeconds = 0.1, maxAttempts = 3): number | null {
  return attempt < maxAttempts ? baseSeconds * 2 ** attempt : null;
}
