"use client";
// The session page: header with status, equity and PnL; controls for the operator; then health,
// charts, positions, risk, reconciliation, alerts, events and drift, all fed by the SSE stream.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { MODE_INFO, resolveModeId } from "@/server/engine/config/modes";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DriftPanel } from "./drift-panel";
import { AlertsPanel, EventStream } from "./events-and-alerts";
import { money, signedMoney, utc } from "./format-live";
import { HealthPanel } from "./health-panel";
import { PositionsPanel, ReconciliationPanel, RiskGauges } from "./risk-and-positions";
import { AttributionChart, EquityChart } from "./session-charts";
import { ParamsEditor, SessionControls } from "./session-controls";
import { HealthBadge, SessionStatusBadge } from "./session-status-badge";
import { useSessionStream } from "./use-session-stream";

// tRPC's "pending" means connected and waiting for the next message
const STREAM_LABELS: Record<string, string> = { pending: "live", connecting: "connecting…", error: "error", idle: "idle" };

function Figure({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: "bad" }) {
  return (
    <div>
      <div className="text-xs uppercase tracking-wide text-muted">{label}</div>
      <div className={`text-lg font-semibold tabular-nums ${tone === "bad" ? "text-bad" : ""}`} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

export function SessionView({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const viewer = useQuery(trpc.live.viewer.queryOptions());
  const canRead = Boolean(viewer.data && (viewer.data.loggedIn || viewer.data.publicRead));
  const stream = useSessionStream(sessionId, canRead);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  if (viewer.isPending) return <p className="text-sm text-muted">Loading…</p>;
  if (!canRead) {
    return (
      <EmptyState title="This dashboard is private">
        <Link href={`/login?next=/live/${sessionId}`} className="text-brand underline" data-testid="login-link">
          Log in as the operator
        </Link>{" "}
        to watch this session.
      </EmptyState>
    );
  }
  if (stream.error) return <p className="text-sm text-bad">Could not stream the session: {stream.error.message}</p>;
  const s = stream.session;
  if (!s) return <p className="text-sm text-muted">Connecting to the session stream…</p>;
  const mode = resolveModeId(s.mode);
  const last = stream.points[stream.points.length - 1] ?? null;
  const loggedIn = viewer.data?.loggedIn ?? false;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">{s.name}</h1>
            <SessionStatusBadge status={s.status} testId="session-status" />
            <HealthBadge status={s.healthStatus} testId="session-health" />
          </div>
          <p className="mt-1 text-sm text-muted">
            {mode ? MODE_INFO[mode].label : s.mode} · {s.feed} feed of {s.dataset.name} v{s.dataset.version}
            {s.dataset.source === "synthetic" ? " (SYNTHETIC)" : ""} · {s.venue} venues · {s.speed} market h/s · {utc(s.windowStart)} → {utc(s.windowEnd)}
          </p>
          {s.status === "starting" ? (
            <p className="mt-1 text-sm text-muted" data-testid="session-waiting">
              Waiting for a worker: each worker process runs WORKER_CONCURRENCY sessions at once (`npm run worker` adds capacity).
            </p>
          ) : null}
          {s.errorCode ? (
            <p className="mt-1 text-sm text-bad" data-testid="session-error">
              {s.errorCode}: {s.errorMessage}
            </p>
          ) : null}
        </div>
        {loggedIn ? <SessionControls session={s} /> : <span className="text-sm text-muted">Read-only: log in to control this session.</span>}
      </div>

      <Card>
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Figure label={`Equity (${s.shareClass})`} value={money(s.equity)} testId="session-equity" />
          <Figure label="PnL total" value={signedMoney(s.pnl)} testId="session-pnl" tone={(s.pnl ?? 0) < 0 ? "bad" : undefined} />
          <Figure label="PnL today" value={signedMoney(s.pnlToday)} testId="session-pnl-today" tone={(s.pnlToday ?? 0) < 0 ? "bad" : undefined} />
          <Figure label="Market time" value={utc(s.marketTime)} testId="session-market-time" />
          <Figure label="Step" value={`${s.checkpointTick + 1} / ${s.totalTicks}`} testId="session-step" />
          <Figure label="Stream" value={STREAM_LABELS[stream.status] ?? stream.status} testId="stream-status" />
        </div>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <EquityChart points={stream.points} shareClass={s.shareClass} />
        <AttributionChart points={stream.points} />
      </div>
      <HealthPanel session={s} now={now} />
      <div className="grid gap-4 lg:grid-cols-3">
        <PositionsPanel session={s} last={last} />
        <RiskGauges session={s} last={last} />
        <ReconciliationPanel session={s} />
      </div>
      <AlertsPanel alerts={stream.alerts} canControl={loggedIn} />
      {loggedIn ? <ParamsEditor session={s} /> : null}
      <EventStream events={stream.events} />
      <DriftPanel sessionId={s.id} />
    </div>
  );
}
