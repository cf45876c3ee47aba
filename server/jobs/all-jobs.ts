// The registry of every job the worker runs. Add a job by defining it next to its service and
// listing it here.
import { z } from "zod";
import { defineJob, type JobDefinition } from "./job-definition";

/** A no-op job the health check and tests use to prove a worker is consuming the queue. */
export const pingJob = defineJob({
  name: "system-ping",
  payload: z.object({ sentAt: z.string() }),
  handle: async () => undefined,
});

export const ALL_JOBS: readonly JobDefinition[] = [pingJob];
