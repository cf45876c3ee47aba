// System status: the health snapshot and a live stream of it (SSE) for the status page.
import { tracked } from "@trpc/server";
import { getSystemHealth, systemHealthSchema } from "../../system/get-system-health";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { sleepUnlessAborted } from "../sleep-until-aborted";

const STREAM_INTERVAL_MS = 5_000;

export const systemRouter = createTRPCRouter({
  health: publicProcedure.output(systemHealthSchema).query(() => getSystemHealth()),
  healthStream: publicProcedure.subscription(async function* ({ signal }) {
    let n = 0;
    while (!signal?.aborted) {
      yield tracked(String(n++), await getSystemHealth());
      await sleepUnlessAborted(STREAM_INTERVAL_MS, signal);
    }
  }),
});
