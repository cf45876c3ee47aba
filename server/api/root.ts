// The app's tRPC router: one sub-router per product area.
import { backtestRouter } from "./routers/backtest";
import { compareRouter } from "./routers/compare";
import { dataRouter } from "./routers/data";
import { liveRouter } from "./routers/live";
import { sweepRouter } from "./routers/sweep";
import { systemRouter } from "./routers/system";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  system: systemRouter,
  backtest: backtestRouter,
  data: dataRouter,
  compare: compareRouter,
  live: liveRouter,
  sweep: sweepRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
