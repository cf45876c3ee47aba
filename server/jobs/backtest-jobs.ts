// Jobs that run backtests on the worker.
import type { JobDefinition } from "./job-definition";

export const BACKTEST_JOBS: readonly JobDefinition[] = [];
