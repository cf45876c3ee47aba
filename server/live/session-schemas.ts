// Isomorphic zod schemas of live sessions: the start input (tRPC and form), statuses, controls,
// live-changeable parameters and the JSON columns (health, positions, reconciliation) read back.
// No Node or DB imports, so the UI can import them.
import { z } from "zod";
import { MODE_IDS } from "../engine/config/modes";

export const SESSION_STATUSES = ["starting", "running", "paused", "stopping", "stopped", "faulted"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** A session in one of these states has (or should have) a worker job driving it. */
export const ACTIVE_STATUSES: readonly SessionStatus[] = ["starting", "running", "paused", "stopping"];
export const TERMINAL_SESSION_STATUSES: readonly SessionStatus[] = ["stopped", "faulted"];

export const SESSION_CONTROLS = ["pause", "resume", "stop", "kill"] as const;
export type SessionControl = (typeof SESSION_CONTROLS)[number];

export const SESSION_FEEDS = ["replay", "exchange"] as const;
export const SESSION_VENUES = ["paper", "exchange"] as const;

/**
 * Parameters a running session may change (read by the strategies every tick). The others are
 * fixed at wiring (cost model, hedge weights, venue maintenance margin, staleness limit), so a
 * change to them is refused rather than silently ignored.
 */
export const LIVE_MUTABLE_PARAMS = [
  "positionDeviationThreshold",
  "dustDelta",
  "closeAtEnd",
  "deltaTolerance",
  "maxDeltaDrift",
  "marginRatioTarget",
  "marginWarningRatio",
  "fundingFilter",
  "fundingLookbackSettlements",
  "fundingThreshold",
] as const;

/** Replay speed bounds, in market hours per wall-clock second. */
export const SPEED_MIN = 0.01;
export const SPEED_MAX = 1000;

const HOUR_MS = 3_600_000;
const windowBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: "expected a date (YYYY-MM-DD)" });

export const startSessionInputSchema = z.object({
  name: z.string().trim().max(120, "at most 120 characters").optional(),
  mode: z.enum(MODE_IDS, { message: "choose a mode" }),
  /** Raw parameters, validated by the mode's schema (getModeSchema) when the session is created. */
  params: z.record(z.string(), z.unknown()).default({}),
  capital: z.number({ message: "enter a number" }).min(1_000, "at least 1,000").max(10_000_000, "at most 10,000,000"),
  feed: z.enum(SESSION_FEEDS).default("replay"),
  venue: z.enum(SESSION_VENUES).default("paper"),
  /** the stored exchange API key (testnet) when venue = exchange */
  exchangeCredentialId: z.uuid().optional(),
  datasetName: z.string().trim().min(1, "choose a data set"),
  datasetVersion: z.number().int().positive().optional(),
  /** First replayed day (or hour), UTC. */
  start: windowBound,
  /** Last replayed day, inclusive (a date means its 23:00 UTC tick). */
  end: windowBound,
  speed: z.number({ message: "enter a number" }).min(SPEED_MIN, `at least ${SPEED_MIN}`).max(SPEED_MAX, `at most ${SPEED_MAX}`).default(1),
});
export type StartSessionInput = z.input<typeof startSessionInputSchema>;

/** Resolves a window bound to epoch ms on the hour (a date is 00:00 for the start, 23:00 for the end). */
export function windowBoundToMs(bound: string, as: "start" | "end"): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(bound)) return Date.parse(`${bound}T00:00:00Z`) + (as === "end" ? 23 * HOUR_MS : 0);
  return Date.parse(bound);
}

export const sessionControlInputSchema = z.object({ sessionId: z.uuid(), control: z.enum(SESSION_CONTROLS) });
export const changeParamsInputSchema = z.object({ sessionId: z.uuid(), params: z.record(z.string(), z.unknown()) });

const componentHealthSchema = z.object({
  component: z.string(),
  state: z.string(),
  status: z.string(),
  /** market time of the component's last update (ms; null before the first) */
  lastUpdate: z.number().nullable(),
  errorCount: z.number(),
  lastError: z.object({ code: z.string(), message: z.string(), time: z.number() }).nullable(),
  updates: z.number(),
  /** mean wall-clock processing time per update (ms); absent for feeds and older snapshots */
  meanProcessingMs: z.number().nullable().optional(),
});
export type ComponentHealthView = z.infer<typeof componentHealthSchema>;

export const sessionHealthSchema = z.object({
  status: z.string(),
  /** wall time (ISO) of the step that produced this snapshot: the session's heartbeat */
  wallTime: z.string(),
  components: z.array(componentHealthSchema),
  feeds: z.array(z.object({ feed: z.string(), marketTime: z.number(), stale: z.boolean(), wallTime: z.string() })),
});
export type SessionHealth = z.infer<typeof sessionHealthSchema>;

export const sessionPositionsSchema = z.array(z.object({ key: z.string(), venue: z.string(), amount: z.number() }));

export const reconciliationResultSchema = z.object({
  /** "resume" after a restart, "step" for the per-step checks, "exchange" for ledger vs exchange-reported perp size */
  kind: z.enum(["resume", "step", "exchange"]),
  ok: z.boolean(),
  tick: z.number(),
  checkedKeys: z.number(),
  mismatches: z.array(z.object({ key: z.string(), expected: z.number(), reported: z.number() })),
  /** |rebuilt equity − checkpointed equity| (resume only) */
  equityDiff: z.number().nullable(),
  wallTime: z.string(),
});
export type ReconciliationResult = z.infer<typeof reconciliationResultSchema>;

/** Attribution increments of one step, as stored. */
export const stepAttributionSchema = z.record(z.string(), z.number());
