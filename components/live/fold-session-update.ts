// Folds the session stream's messages into one state: a snapshot replaces everything (also after a
// reconnect), a delta appends points (older half thinned past 4,000) and events (last 300 kept).
import type { SessionAlertView, SessionEventView, SessionPoint, SessionUpdate } from "@/server/live/read-session-stream";
import type { SessionDto } from "@/server/live/session-row";

export const MAX_POINTS = 4_000;
export const MAX_EVENTS = 300;

export interface SessionStreamState {
  session: SessionDto | null;
  points: SessionPoint[];
  events: SessionEventView[];
  alerts: SessionAlertView[];
  /** wall time the last update arrived */
  receivedAt: number;
}

/** Halves an over-long series by dropping every other point of its older half (the recent half stays exact). */
export function capPoints(points: SessionPoint[]): SessionPoint[] {
  if (points.length <= MAX_POINTS) return points;
  const half = Math.floor(points.length / 2);
  return [...points.slice(0, half).filter((_, i) => i % 2 === 0), ...points.slice(half)];
}

export function foldUpdate(prev: SessionStreamState, u: SessionUpdate, now: number): SessionStreamState {
  if (u.kind === "snapshot") return { session: u.session, points: u.points, events: u.events, alerts: u.alerts, receivedAt: now };
  return {
    session: u.session,
    points: capPoints([...prev.points, ...u.points]),
    events: [...prev.events, ...u.events].slice(-MAX_EVENTS),
    alerts: u.alerts,
    receivedAt: now,
  };
}

