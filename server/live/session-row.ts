// Reads live_sessions rows with zod (JSON columns come from older versions of us) and turns them
// into the DTO the API returns; also the series a session's mode needs from its data set.
import type pg from "pg";
import { z } from "zod";
import { AppError } from "../errors";
import { hedgeSeries, requiredSeries } from "../engine/config/required-series";
import type { ModeId } from "../engine/config/modes";
import { reconciliationResultSchema, sessionHealthSchema, sessionPositionsSchema, SESSION_STATUSES, SESSION_CONTROLS } from "./session-schemas";

const jsonOrNull = <S extends z.ZodType>(s: S) =>
  z.unknown().transform((v) => {
    if (v === null || v === undefined) return null;
    const r = s.safeParse(v);
    return r.success ? (r.data as z.output<S>) : null;
  });

export const sessionRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.string(),
  initialParams: z.record(z.string(), z.unknown()),
  params: z.record(z.string(), z.unknown()),
  capital: z.number(),
  shareClass: z.string(),
  feed: z.string(),
  venue: z.string(),
  exchangeCredentialId: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  datasetId: z.string(),
  datasetName: z.string(),
  datasetVersion: z.number(),
  datasetSource: z.string(),
  windowStart: z.date(),
  windowEnd: z.date(),
  speed: z.number(),
  status: z.enum(SESSION_STATUSES),
  control: z.enum(SESSION_CONTROLS).nullable(),
  pendingParams: z.record(z.string(), z.unknown()).nullable(),
  checkpointTick: z.number(),
  totalTicks: z.number(),
  marketTime: z.date().nullable(),
  equity: z.number().nullable(),
  dayStartEquity: z.number().nullable(),
  health: jsonOrNull(sessionHealthSchema),
  positions: jsonOrNull(sessionPositionsSchema),
  reconciliation: jsonOrNull(reconciliationResultSchema),
  attempt: z.number(),
  jobId: z.string().nullable(),
  workerId: z.string().nullable(),
  lastHeartbeat: z.date().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  killedAt: z.date().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  stoppedAt: z.date().nullable(),
});
export type SessionRow = z.infer<typeof sessionRowSchema>;

export async function findSessionRow(pool: pg.Pool | pg.PoolClient, id: string): Promise<SessionRow> {
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", `live session ${id} not found`);
  const { rows } = await pool.query(`SELECT * FROM live_sessions WHERE id = $1`, [id]);
  if (rows.length === 0) throw new AppError("NOT_FOUND", `live session ${id} not found`);
  return sessionRowSchema.parse(rows[0]);
}

/** The session as the API shows it (no worker internals). */
export function toSessionDto(r: SessionRow) {
  const pnl = r.equity !== null ? r.equity - r.capital : null;
  const pnlToday = r.equity !== null && r.dayStartEquity !== null ? r.equity - r.dayStartEquity : null;
  return {
    id: r.id,
    name: r.name,
    mode: r.mode,
    params: r.params,
    capital: r.capital,
    shareClass: r.shareClass,
    feed: r.feed,
    venue: r.venue,
    dataset: { id: r.datasetId, name: r.datasetName, version: r.datasetVersion, source: r.datasetSource },
    windowStart: r.windowStart.toISOString(),
    windowEnd: r.windowEnd.toISOString(),
    speed: r.speed,
    status: r.status,
    control: r.control,
    pendingParams: r.pendingParams !== null,
    checkpointTick: r.checkpointTick,
    totalTicks: r.totalTicks,
    marketTime: r.marketTime?.toISOString() ?? null,
    equity: r.equity,
    pnl,
    pnlToday,
    healthStatus: r.health?.status ?? null,
    health: r.health,
    positions: r.positions ?? [],
    reconciliation: r.reconciliation,
    attempt: r.attempt,
    lastHeartbeat: r.lastHeartbeat?.toISOString() ?? null,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    killedAt: r.killedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
  };
}
export type SessionDto = ReturnType<typeof toSessionDto>;

/** Series a session of `mode` reads: the mode's required series plus each hedge venue's perp and funding. */
export function sessionSeriesIds(mode: ModeId, params: unknown): string[] {
  const ids = new Set(requiredSeries(mode, params));
  for (const h of hedgeSeries(mode, params)) {
    ids.add(h.perp);
    ids.add(h.funding);
  }
  return [...ids];
}
