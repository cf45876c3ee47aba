// The backtest job as data (name, payload schema, retry policy) without its handler, so the web
// process can enqueue it without bundling the worker-side engine thread.
import { z } from "zod";

export const RUN_BACKTEST_JOB_SPEC = {
  name: "backtest-run",
  payload: z.object({ runId: z.uuid() }),
  /** Retries cover workers killed mid-run; engine errors fail the run without a retry. */
  retryLimit: 2,
  /** A 21-month run takes seconds; an active job older than this belonged to a dead worker. */
  expireInSeconds: 15 * 60,
} as const;
