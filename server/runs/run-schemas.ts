// Isomorphic zod schemas of the runs area: the launch input (tRPC, form, CLI), run statuses and the
// DTOs the API returns. No Node or DB imports, so the UI can import them.
import { z } from "zod";
import { MODE_IDS } from "../engine/config/modes";

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];

/** Form range of the initial capital (domain §2.3); the engine itself accepts more. */
export const CAPITAL_MIN = 1_000;
export const CAPITAL_MAX = 10_000_000;

const HOUR_MS = 3_600_000;

/** A window bound: an ISO date (whole UTC day) or an ISO date-time on the hour. */
const windowBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: "expected a date (YYYY-MM-DD)" });

/** zod issues → { "params.a.b": [messages] } so a form can put each message next to its field. */
export function fieldErrorsOf(error: z.ZodError, prefix = ""): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || prefix || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Upper bound of an uploaded signal CSV (characters ≈ bytes for the ASCII the parser accepts). */
export const SIGNAL_CSV_MAX_CHARS = 2_000_000;

export const createRunInputSchema = z.object({
  name: z.string().trim().max(120, "at most 120 characters").optional(),
  mode: z.enum(MODE_IDS, { message: "choose a mode" }),
  datasetName: z.string().trim().min(1, "choose a data set"),
  datasetVersion: z.number().int().positive().optional(),
  /** First day (or tick) of the window, UTC. */
  start: windowBound,
  /** Last day of the window: a date means its 00:00 UTC tick, as in the CLI (`--end`). */
  end: windowBound,
  capital: z
    .number({ message: "enter a number" })
    .min(CAPITAL_MIN, `at least ${CAPITAL_MIN.toLocaleString("en-US")}`)
    .max(CAPITAL_MAX, `at most ${CAPITAL_MAX.toLocaleString("en-US")}`),
  /** The mode's parameters; validated by the mode's own schema in createRun. */
  params: z.record(z.string(), z.unknown()).default({}),
  /** Text of the signal CSV for a directional mode with `signalSource: csv` (the browser reads the file). */
  signalCsv: z.string().max(SIGNAL_CSV_MAX_CHARS, `the signal CSV may be at most ${SIGNAL_CSV_MAX_CHARS / 1_000_000} MB`).optional(),
});
export type CreateRunInput = z.input<typeof createRunInputSchema>;

/** First tick of a window bound (UTC epoch ms). */
export function windowStartMs(bound: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(bound) ? Date.parse(`${bound}T00:00:00Z`) : Math.floor(Date.parse(bound) / HOUR_MS) * HOUR_MS;
}

/** Last tick of a window bound (UTC epoch ms): a date means its 00:00 tick, as the CLI reads it. */
export function windowEndMs(bound: string): number {
  return windowStartMs(bound);
}

export const runMetricsSchema = z.object({
  totalReturn: z.number(),
  apy: z.number().nullable(),
  annualVolatility: z.number().nullable(),
  sharpe: z.number().nullable(),
  sortino: z.number().nullable(),
  maxDrawdown: z.number(),
  maxDrawdownDays: z.number(),
  rebalances: z.number(),
  feesPaid: z.number(),
  fundingCaptured: z.number(),
  timeInMarket: z.number(),
});

const attributionSchema = z.object({
  funding: z.number(),
  lendingInterest: z.number(),
  borrowCost: z.number(),
  stakingYield: z.number(),
  pricePnl: z.number(),
  fees: z.number(),
  gas: z.number(),
  residual: z.number(),
});

/** RunSummary as stored; parsed on the way out because older runs were written by older code. */
export const runSummarySchema = z.object({
  mode: z.string(),
  dataset: z.string(),
  start: z.string(),
  end: z.string(),
  shareClass: z.string(),
  initialCapital: z.number(),
  finalEquity: z.number(),
  steps: z.number(),
  events: z.number(),
  metrics: runMetricsSchema,
  attribution: attributionSchema,
});
export type StoredRunSummary = z.infer<typeof runSummarySchema>;

/** The subset of RunDetails the pages show; unknown extra keys are kept out. */
export const runDetailsSchema = z
  .object({
    apr: z.number().optional(),
    apyFlagged: z.boolean().optional(),
    calmar: z.number().nullable().optional(),
    liquidations: z.number().optional(),
    minHealthFactor: z.number().nullable().optional(),
    minMarginRatio: z.number().nullable().optional(),
    maxAbsDeltaRatio: z.number().optional(),
    notionalTraded: z.number().optional(),
    fundingByVenue: z.record(z.string(), z.number()).optional(),
    hedgeWeights: z.record(z.string(), z.number()).optional(),
    warnings: z.array(z.string()).optional(),
  })
  .loose();

export const runListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.string(),
  status: z.enum(RUN_STATUSES),
  progress: z.number(),
  datasetName: z.string(),
  datasetVersion: z.number(),
  datasetSource: z.string(),
  windowStart: z.date(),
  windowEnd: z.date(),
  capital: z.number(),
  apy: z.number().nullable(),
  sharpe: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  totalReturn: z.number().nullable(),
  createdAt: z.date(),
  errorCode: z.string().nullable(),
});
export type RunListItem = z.infer<typeof runListItemSchema>;

export const runDtoSchema = runListItemSchema.extend({
  shareClass: z.string(),
  config: z.record(z.string(), z.unknown()),
  engineVersion: z.string(),
  stepsDone: z.number(),
  stepsTotal: z.number().nullable(),
  attempt: z.number(),
  cancelRequested: z.boolean(),
  errorMessage: z.string().nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  eventsCount: z.number(),
  finalEquity: z.number().nullable(),
  summary: runSummarySchema.nullable(),
  details: runDetailsSchema.nullable(),
});
export type RunDto = z.infer<typeof runDtoSchema>;

export const RUN_SORT_KEYS = ["createdAt", "apy", "sharpe", "maxDrawdown", "totalReturn", "mode", "status"] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

export const findRunsInputSchema = z.object({
  mode: z.enum(MODE_IDS).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  sort: z.enum(RUN_SORT_KEYS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  limit: z.number().int().min(1).max(500).default(100),
});
export type FindRunsInput = z.input<typeof findRunsInputSchema>;

export const runProgressSchema = z.object({
  status: z.enum(RUN_STATUSES),
  progress: z.number(),
  stepsDone: z.number(),
  stepsTotal: z.number().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
});
export type RunProgress = z.infer<typeof runProgressSchema>;

export const runEventsInputSchema = z.object({
  runId: z.uuid(),
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(500).default(50),
  type: z.string().max(80).optional(),
  severity: z.string().max(20).optional(),
});
export type RunEventsInput = z.input<typeof runEventsInputSchema>;

export const runEventDtoSchema = z.object({
  seq: z.number(),
  time: z.number(),
  type: z.string(),
  component: z.string(),
  venue: z.string().nullable(),
  severity: z.string().nullable(),
  payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const runEventsPageSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  types: z.array(z.string()),
  events: z.array(runEventDtoSchema),
});
export type RunEventsPage = z.infer<typeof runEventsPageSchema>;
