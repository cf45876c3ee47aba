"use client";
// The session's event stream (newest first) and its alerts, which the operator can acknowledge.
import { useMutation } from "@tanstack/react-query";
import type { SessionAlertView, SessionEventView } from "@/server/live/read-session-stream";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { utc } from "./format-live";

const SEVERITY_TONES = { CRITICAL: "bad", HIGH: "bad", MEDIUM: "warn", LOW: "neutral", INFO: "info" } as const;
const SHOWN = 120;

const payloadText = (p: Record<string, unknown>): string =>
  Object.entries(p)
    .filter(([k]) => k !== "params")
    .map(([k, v]) => `${k}=${typeof v === "number" ? Number(v.toPrecision(6)) : typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" ");

export function EventStream({ events }: { events: SessionEventView[] }) {
  const shown = events.slice(-SHOWN).reverse();
  return (
    <Card title={`Events (${events.length} loaded)`}>
      <ol className="max-h-96 space-y-1 overflow-y-auto text-xs" data-testid="event-stream">
        {shown.map((e) => (
          <li key={e.id} className="flex gap-2 border-t border-slate-100 pt-1" data-testid="event-row" data-type={e.type}>
            <span className="w-32 shrink-0 tabular-nums text-muted">{utc(e.t).replace(" UTC", "")}</span>
            <StatusBadge tone={SEVERITY_TONES[(e.severity ?? "INFO") as keyof typeof SEVERITY_TONES] ?? "info"}>{e.type}</StatusBadge>
            <span className="text-muted">{e.component}</span>
            <span className="break-all font-mono">{payloadText(e.payload)}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function AlertsPanel({ alerts, canControl }: { alerts: SessionAlertView[]; canControl: boolean }) {
  const trpc = useTRPC();
  const ack = useMutation(trpc.live.acknowledgeAlert.mutationOptions());
  const open = alerts.filter((a) => !a.acknowledgedAt).length;
  return (
    <Card title={`Alerts${open ? ` (${open} open)` : ""}`}>
      {alerts.length === 0 ? <p className="text-sm text-muted">No alerts.</p> : null}
      <ul className="space-y-2 text-sm" data-testid="alerts">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2" data-testid="alert-row">
            <StatusBadge tone={a.level === "critical" ? "bad" : "warn"}>{a.level}</StatusBadge>
            <span className={a.acknowledgedAt ? "text-muted line-through" : ""}>{a.message}</span>
            <span className="text-xs text-muted">webhook {a.webhookStatus}</span>
            {canControl && !a.acknowledgedAt ? (
              <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs" onClick={() => ack.mutate({ alertId: a.id })}>
                Acknowledge
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
