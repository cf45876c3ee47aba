// Jobs are data: a name, a zod payload schema and a handler. The worker registers every job in
// all-jobs.ts; the web process only enqueues.
import type { z } from "zod";

export interface JobContext {
  jobId: string;
  /** Aborted when the worker is shutting down; long jobs should stop at the next checkpoint. */
  signal: AbortSignal;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  /** pg-boss retry policy for this queue. */
  retryLimit?: number;
  /** Seconds after which an active job is considered dead and retried (covers SIGKILLed workers). */
  expireInSeconds?: number;
  handle: (payload: z.infer<S>, ctx: JobContext) => Promise<void>;
  /**
   * Runs once when a worker starts consuming this queue (e.g. to recover work a killed worker left
   * behind); `signal` aborts when the worker stops, so periodic checks can end with it.
   */
  onWorkerStart?: (ctx: { signal: AbortSignal; log: (line: string) => void }) => Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
