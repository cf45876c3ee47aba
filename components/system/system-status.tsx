"use client";
// Live system status: database, migrations, data sets, queue and workers, refreshed every 5 s.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { useTRPC } from "@/components/trpc/client";

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="flex items-center justify-between gap-4 border-b border-slate-100 py-2 last:border-0" data-testid={testId}>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="text-right text-sm font-medium">{children}</dd>
    </div>
  );
}

export function SystemStatus() {
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.system.health.queryOptions(), refetchInterval: 5_000 });
  if (health.isPending) return <Card title="System status"><p className="text-sm text-muted">Checking…</p></Card>;
  if (health.isError) {
    return (
      <Card title="System status">
        <p className="text-sm text-bad" data-testid="status-error">The server did not answer: {health.error.message}</p>
      </Card>
    );
  }
  const h = health.data;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title={<span className="flex items-center gap-2">System status <StatusBadge tone={h.ok ? "good" : "bad"} testId="system-ok">{h.ok ? "healthy" : "unhealthy"}</StatusBadge></span>}>
        <dl>
          <Row label="Database" testId="db-status">
            {h.database.connected ? <StatusBadge tone="good">connected</StatusBadge> : <StatusBadge tone="bad">unreachable</StatusBadge>}
          </Row>
          <Row label="Database kind" testId="db-kind">{h.database.kind === "embedded" ? "embedded (.data/postgres)" : "external (DATABASE_URL)"}</Row>
          <Row label="Server version" testId="db-version">{h.database.version ?? "—"}</Row>
          <Row label="Migrations" testId="migrations">
            {h.migrations.applied} applied
            {h.migrations.pending.length ? <span className="ml-2 text-bad">{h.migrations.pending.length} pending</span> : null}
          </Row>
          <Row label="Job queue" testId="queue">
            {h.queue.installed ? `${h.queue.queued} queued · ${h.queue.active} running` : "not installed yet"}
          </Row>
          <Row label="Workers" testId="workers">
            {h.queue.workers > 0 ? <StatusBadge tone="good">{h.queue.workers} online</StatusBadge> : <StatusBadge tone="warn">none online</StatusBadge>}
          </Row>
          <Row label="App version">{h.appVersion}</Row>
        </dl>
        {h.reasons.length ? (
          <ul className="mt-3 list-disc pl-5 text-sm text-bad" data-testid="status-reasons">
            {h.reasons.map((r) => <li key={r}>{r}</li>)}
          </ul>
        ) : null}
      </Card>
      <Card title="Data sets">
        {h.datasets.length === 0 ? (
          <p className="text-sm text-muted">No data set yet. The synthetic default set is created on first start; import real data on the <Link className="text-brand underline" href="/data">Data</Link> page.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="dataset-list">
            {h.datasets.map((d) => (
              <li key={`${d.name}@${d.version}`} className="flex items-center justify-between py-2 text-sm">
                <span className="font-medium">{d.name} <span className="text-muted">v{d.version}</span></span>
                <StatusBadge tone={d.source === "synthetic" ? "warn" : "info"}>{d.source}</StatusBadge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
