"use client";
// Subscribes to a session's SSE stream (tRPC subscription with tracked ids) and folds the snapshot
// and increments into one state: session, chart points, events, alerts.
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import type { SessionAlertView, SessionEventView, SessionPoint, SessionUpdate } from "@/server/live/read-session-stream";
import type { SessionDto } from "@/server/live/session-row";
import { useTRPC } from "@/components/trpc/client";

const MAX_POINTS = 4_000;
const MAX_EVENTS = 300;

export interface SessionStreamState {
  session: SessionDto | null;
  points: SessionPoint[];
  events: SessionEventView[];
  alerts: SessionAlertView[];
  /** wall time the last update arrived */
  receivedAt: number;
}

/** Halves an over-long series by dropping every other point of its older half (the recent half stays exact). */
function capPoints(points: SessionPoint[]): SessionPoint[] {
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

export function useSessionStream(sessionId: string, enabled: boolean) {
  const trpc = useTRPC();
  const [state, setState] = useState<SessionStreamState>({ session: null, points: [], events: [], alerts: [], receivedAt: 0 });
  const sub = useSubscription(
    trpc.live.watch.subscriptionOptions(
      { sessionId },
      {
        enabled,
        onData: (ev) => setState((prev) => foldUpdate(prev, ev.data, Date.now())),
      },
    ),
  );
  return { ...state, status: sub.status, error: sub.error };
}
