"use client";
// Subscribes to a session's SSE stream (tRPC subscription with tracked ids) and folds the snapshot
// and increments into one state: session, chart points, events, alerts.
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { foldUpdate, type SessionStreamState } from "./fold-session-update";

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
