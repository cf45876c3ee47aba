// Jobs that import or generate market data sets on the worker.
import type { JobDefinition } from "./job-definition";

export const DATA_JOBS: readonly JobDefinition[] = [];
