// tRPC procedures for the backtest area (thin: each calls one service function): launch with
// per-field errors, list, read, chart series, event log, live progress over SSE, stress test, cancel.
import { tracked, TRPCError } from "@trpc/server";
import { z } from "zod";
import { cancelRun } from "../../runs/cancel-run";
import { createRun } from "../../runs/create-run";
import { findRuns } from "../../runs/find-runs";
import { getRun, getRunProgress } from "../../runs/get-run";
import { getRunEvents } from "../../runs/get-run-events";
import { getRunSeries } from "../../runs/get-run-series";
import { launchDatasetSchema, listLaunchDatasets } from "../../runs/list-launch-datasets";
import { rerunRun } from "../../runs/rerun-run";
import { stressRun, stressRunDtoSchema, stressRunInputSchema } from "../../runs/stress-run";
import { runSeriesSchema } from "../../runs/run-series-schema";
import {
  createRunInputSchema,
  findRunsInputSchema,
  runDtoSchema,
  runEventsInputSchema,
  runEventsPageSchema,
  runListItemSchema,
  runProgressSchema,
  RUN_STATUSES,
  TERMINAL_STATUSES,
  type RunProgress,
} from "../../runs/run-schemas";
import { AppError } from "../../errors";
import { isDatabaseDown } from "../../runs/is-database-down";
import { createTRPCRouter, publicProcedure as basePublicProcedure } from "../trpc";
import { sleepUnlessAborted } from "../sleep-until-aborted";

const PROGRESS_POLL_MS = 250;

/** A database outage answers 503 with a plain message (the pages say so) instead of a 500. */
const publicProcedure = basePublicProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseDown(result.error.cause ?? result.error)) {
    const cause = new AppError("DATABASE_UNAVAILABLE", "The database is unreachable right now; the worker retries queued runs when it is back.");
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: cause.message, cause });
  }
  return result;
});
const runIdInput = z.object({ runId: z.uuid() });

const sameProgress = (a: RunProgress | null, b: RunProgress) =>
  a !== null && a.status === b.status && a.stepsDone === b.stepsDone && a.progress === b.progress && a.errorCode === b.errorCode;

export const backtestRouter = createTRPCRouter({
  datasets: publicProcedure.output(z.array(launchDatasetSchema)).query(() => listLaunchDatasets()),
  create: publicProcedure
    .input(createRunInputSchema)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ input }) => ({ id: (await createRun(input)).id })),
  rerun: publicProcedure
    .input(runIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ input }) => ({ id: (await rerunRun(input.runId)).id })),
  list: publicProcedure.input(findRunsInputSchema).output(z.array(runListItemSchema)).query(({ input }) => findRuns(input)),
  get: publicProcedure.input(runIdInput).output(runDtoSchema).query(({ input }) => getRun(input.runId)),
  series: publicProcedure.input(runIdInput).output(runSeriesSchema).query(({ input }) => getRunSeries(input.runId)),
  events: publicProcedure.input(runEventsInputSchema).output(runEventsPageSchema).query(({ input }) => getRunEvents(input)),
  /** Replays a finished run under a stress scenario (CLI --stress syntax) next to its baseline. */
  stress: publicProcedure.input(stressRunInputSchema).output(stressRunDtoSchema).mutation(({ input }) => stressRun(input)),
  cancel: publicProcedure
    .input(runIdInput)
    .output(z.object({ status: z.enum(RUN_STATUSES) }))
    .mutation(({ input }) => cancelRun(input.runId)),
  /** Status and progress as they change, until the run ends (SSE; ids let a client resume). */
  progress: publicProcedure.input(runIdInput.extend({ lastEventId: z.string().nullish() })).subscription(async function* ({ input, signal }) {
    let last: RunProgress | null = null;
    let n = 0;
    while (!signal?.aborted) {
      const p = runProgressSchema.parse(await getRunProgress(input.runId));
      if (!sameProgress(last, p)) {
        last = p;
        yield tracked(String(n++), p);
      }
      if (TERMINAL_STATUSES.includes(p.status)) return;
      await sleepUnlessAborted(PROGRESS_POLL_MS, signal);
    }
  }),
});
