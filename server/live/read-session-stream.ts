// What the session page shows and streams: a snapshot (session, equity and cumulative attribution
// series thinned to ≤ 2,000 points, latest events and alerts) and the increments since a cursor,
// which the SSE subscription polls for.
import type pg from "pg";
import { z } from "zod";
import { lttbIndexes } from "../charts/lttb";
import { findSessionRow, sessionRowSchema, toSessionDto, type SessionDto } from "./session-row";

export const MAX_CHART_POINTS = 2_000;
const EVENTS_IN_SNAPSHOT = 200;
const ALERTS_SHOWN = 20;

export interface SessionPoint {
  tick: number;
  t: number;
  equity: number;
  pnl: number;
  /** cumulative attribution per term */
  attribution: Record<string, number>;
  positions: Record<string, number>;
  risk: {
    healthFactor: number | null;
    ltv: number | null;
    marginRatio: Record<string, number | null>;
    liquidationDistance: number | null;
    deltaRatio: number;
  };
}

export interface SessionEventView {
  id: string;
  tick: number;
  t: number;
  wallTime: string;
  type: string;
  component: string;
  venue: string | null;
  severity: string | null;
  payload: Record<string, unknown>;
}

export interface SessionAlertView {
  id: string;
  level: string;
  kind: string;
  message: string;
  createdAt: string;
  acknowledgedAt: string | null;
  webhookStatus: string;
}

export interface StreamCursor {
  lastTick: number;
  lastEventId: string;
  totals: Record<string, number>;
}

export interface SessionUpdate {
  kind: "snapshot" | "delta";
  session: SessionDto;
  points: SessionPoint[];
  events: SessionEventView[];
  alerts: SessionAlertView[];
}

const stepRowSchema = z.object({
  tick: z.number(),
  timeMs: z.number(),
  equity: z.number(),
  attribution: z.record(z.string(), z.number().nullable()),
  positions: z.record(z.string(), z.number().nullable()),
  risk: z.object({
    healthFactor: z.number().nullable(),
    ltv: z.number().nullable(),
    marginRatio: z.record(z.string(), z.number().nullable()),
    liquidationDistance: z.number().nullable(),
    deltaRatio: z.number().nullable(),
  }),
});

const eventRowSchema = z.object({
  id: z.string(),
  tick: z.number(),
  timeMs: z.number(),
  wallTime: z.date(),
  type: z.string(),
  component: z.string(),
  venue: z.string().nullable(),
  severity: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

const alertRowSchema = z.object({
  id: z.string(),
  level: z.string(),
  kind: z.string(),
  message: z.string(),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  webhookStatus: z.string(),
});

function toPoints(rows: unknown[], capital: number, totals: Record<string, number>): SessionPoint[] {
  return rows.map((raw) => {
    const r = stepRowSchema.parse(raw);
    for (const [k, v] of Object.entries(r.attribution)) totals[k] = (totals[k] ?? 0) + (v ?? 0);
    const positions: Record<string, number> = {};
    for (const [k, v] of Object.entries(r.positions)) positions[k] = v ?? 0;
    return {
      tick: r.tick,
      t: r.timeMs,
      equity: r.equity,
      pnl: r.equity - capital,
      attribution: { ...totals },
      positions,
      risk: { ...r.risk, deltaRatio: r.risk.deltaRatio ?? 0 },
    };
  });
}

const toEvent = (raw: unknown): SessionEventView => {
  const r = eventRowSchema.parse(raw);
  return { id: r.id, tick: r.tick, t: r.timeMs, wallTime: r.wallTime.toISOString(), type: r.type, component: r.component, venue: r.venue, severity: r.severity, payload: r.payload };
};

const toAlert = (raw: unknown): SessionAlertView => {
  const r = alertRowSchema.parse(raw);
  return { ...r, createdAt: r.createdAt.toISOString(), acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null };
};

async function readAlerts(pool: pg.Pool, sessionId: string): Promise<SessionAlertView[]> {
  const { rows } = await pool.query(
    `SELECT a.id::text AS id, a.level, a.kind, a.message, a."createdAt", a."acknowledgedAt", a."webhookStatus" FROM live_alerts a WHERE a."sessionId" = $1 ORDER BY a.id DESC LIMIT $2`,
    [sessionId, ALERTS_SHOWN],
  );
  return rows.map(toAlert);
}

const STEP_COLUMNS_SQL = `tick, "timeMs", equity, attribution, positions, risk`;
// ids are bigint, sent as text; ORDER BY must use the table column (e.id), not the text output column
const EVENT_COLUMNS_SQL = `e.id::text AS id, e.tick, e."timeMs", e."wallTime", e.type, e.component, e.venue, e.severity, e.payload`;

/** The full picture of a session, with a cursor for the increments that follow. */
export async function readSessionSnapshot(pool: pg.Pool, sessionId: string): Promise<{ update: SessionUpdate; cursor: StreamCursor }> {
  const row = await findSessionRow(pool, sessionId);
  const steps = await pool.query(`SELECT ${STEP_COLUMNS_SQL} FROM live_session_steps WHERE "sessionId" = $1 ORDER BY tick`, [sessionId]);
  const totals: Record<string, number> = {};
  let points = toPoints(steps.rows, row.capital, totals);
  if (points.length > MAX_CHART_POINTS) {
    const keep = lttbIndexes(
      points.map((p) => p.t),
      points.map((p) => p.equity),
      MAX_CHART_POINTS,
    );
    points = Array.from(keep, (i) => points[i] as SessionPoint);
  }
  const events = await pool.query(`SELECT ${EVENT_COLUMNS_SQL} FROM live_session_events e WHERE e."sessionId" = $1 ORDER BY e.id DESC LIMIT $2`, [sessionId, EVENTS_IN_SNAPSHOT]);
  const eventViews = events.rows.map(toEvent).reverse();
  const lastTick = steps.rows.length ? (stepRowSchema.parse(steps.rows[steps.rows.length - 1]).tick ?? -1) : -1;
  return {
    update: { kind: "snapshot", session: toSessionDto(row), points, events: eventViews, alerts: await readAlerts(pool, sessionId) },
    cursor: { lastTick, lastEventId: eventViews[eventViews.length - 1]?.id ?? "0", totals },
  };
}

/** Steps, events and alerts after `cursor` (advancing it); null when nothing changed. */
export async function readSessionDelta(pool: pg.Pool, sessionId: string, cursor: StreamCursor, lastHeartbeat: string | null): Promise<SessionUpdate | null> {
  const { rows } = await pool.query(`SELECT * FROM live_sessions WHERE id = $1`, [sessionId]);
  if (rows.length === 0) return null;
  const row = sessionRowSchema.parse(rows[0]);
  const steps = await pool.query(`SELECT ${STEP_COLUMNS_SQL} FROM live_session_steps WHERE "sessionId" = $1 AND tick > $2 ORDER BY tick LIMIT 5000`, [sessionId, cursor.lastTick]);
  const events = await pool.query(`SELECT ${EVENT_COLUMNS_SQL} FROM live_session_events e WHERE e."sessionId" = $1 AND e.id > $2::bigint ORDER BY e.id LIMIT 1000`, [sessionId, cursor.lastEventId]);
  const session = toSessionDto(row);
  if (steps.rows.length === 0 && events.rows.length === 0 && session.lastHeartbeat === lastHeartbeat) return null;
  const points = toPoints(steps.rows, row.capital, cursor.totals);
  const eventViews = events.rows.map(toEvent);
  if (points.length) cursor.lastTick = (points[points.length - 1] as SessionPoint).tick;
  if (eventViews.length) cursor.lastEventId = (eventViews[eventViews.length - 1] as SessionEventView).id;
  return { kind: "delta", session, points, events: eventViews, alerts: await readAlerts(pool, sessionId) };
}

/** Sessions for the list page, newest first. */
export async function listSessions(pool: pg.Pool): Promise<SessionDto[]> {
  const { rows } = await pool.query(`SELECT * FROM live_sessions ORDER BY "createdAt" DESC LIMIT 200`);
  return rows.map((r) => toSessionDto(sessionRowSchema.parse(r)));
}

export async function acknowledgeAlert(pool: pg.Pool, alertId: string): Promise<boolean> {
  if (!/^\d+$/.test(alertId)) return false;
  const res = await pool.query(`UPDATE live_alerts SET "acknowledgedAt" = now() WHERE id = $1::bigint AND "acknowledgedAt" IS NULL`, [alertId]);
  return res.rowCount === 1;
}
