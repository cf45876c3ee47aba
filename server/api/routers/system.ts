// System status: the health snapshot and a live stream of it (SSE) for the status page.
import { tracked } from "@trpc/server";
import { getSystemHealth, systemHealthSchema } from "../../system/get-system-health";
import { createTRPCRouter, publicProcedure } from "../trpc";

const STREAM_INTERVAL_MS = 5_000;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const systemRouter = createTRPCRouter({
  health: publicProcedure.output(systemHealthSchema).query(() => getSystemHealth()),
  healthStream: publicProcedure.subscription(async function* ({ signal }) {
    let n = 0;
    while (!signal?.aborted) {
      yield tracked(String(n++), await getSystemHealth());
      await sleep(STREAM_INTERVAL_MS, signal);
    }
  }),
});
