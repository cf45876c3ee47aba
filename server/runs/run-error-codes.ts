// Error codes a run can end with besides the engine's own (server/engine/core/errors.ts).
export const RUN_ERROR_CODES = {
  /** The worker running it stopped mid-run (SIGKILL, crash); retried while pg-boss retries remain. */
  WORKER_LOST: "WORKER_LOST",
  /** The data set disappeared or lacks what the run needs. */
  DATA_MISSING: "DATA_MISSING",
  /** An unexpected failure outside the engine's error registry. */
  INTERNAL: "INTERNAL",
} as const;

/** Runs whose worker has not refreshed the heartbeat for this long are presumed dead. */
export const RUN_STALE_MS = 30_000;
/** How often a worker refreshes a running run's heartbeat (and notices a cancel). */
export const RUN_HEARTBEAT_MS = 1_000;
