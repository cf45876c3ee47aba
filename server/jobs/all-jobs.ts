// The registry of every job the worker runs. Each area lists its jobs in its own file.
import { z } from "zod";
import { BACKTEST_JOBS } from "./backtest-jobs";
import { DATA_JOBS } from "./data-jobs";
import { sweepBatchJob } from "../sweeps/sweep-job";
import { defineJob, type JobDefinition } from "./job-definition";
import { LIVE_JOBS } from "./live-jobs";

/** A no-op job the health check and tests use to prove a worker is consuming the queue. */
export const pingJob = defineJob({
  name: "system-ping",
  payload: z.object({ sentAt: z.string() }),
  handle: async () => undefined,
});

export const ALL_JOBS: readonly JobDefinition[] = [pingJob, ...BACKTEST_JOBS, ...DATA_JOBS, sweepBatchJob, ...LIVE_JOBS];
