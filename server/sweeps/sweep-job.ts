// The pg-boss job that runs a batch of sweep configs.
import { z } from "zod";
import { getPool } from "../db/pool";
import { defineJob } from "../jobs/job-definition";
import { runSweepBatch } from "./run-sweep-batch";

export const sweepBatchJob = defineJob({
  name: "sweep-batch",
  payload: z.object({ sweepId: z.uuid(), from: z.number().int().min(0), to: z.number().int().min(1) }),
  retryLimit: 2,
  expireInSeconds: 10 * 60,
  handle: async ({ sweepId, from, to }) => {
    await runSweepBatch(getPool(), sweepId, from, to);
  },
});
