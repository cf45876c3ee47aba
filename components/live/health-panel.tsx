"use client";
// Component health: each engine component's lifecycle state, health, last update (market time),
// error count and last error; the session heartbeat and each feed's data freshness.
import type { SessionDto } from "@/server/live/session-row";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { age, utc } from "./format-live";
import { HealthBadge } from "./session-status-badge";

const STATE_TONES = { ready: "info", running: "good", degraded: "warn", faulted: "bad", stopped: "neutral" } as const;

export function HealthPanel({ session, now }: { session: SessionDto; now: number }) {
  const h = session.health;
  return (
    <Card title="Component health">
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        <span>
          Engine: <HealthBadge status={h?.status ?? null} testId="engine-health" />
        </span>
        <span className="text-muted" data-testid="heartbeat">
          Worker heartbeat {age(session.lastHeartbeat, now)}
        </span>
        <span className="text-muted">attempt {session.attempt}</span>
      </div>
      {h ? (
        <>
          <table className="w-full text-sm" data-testid="health-table">
            <thead className="text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th className="py-1">Component</th>
                <th className="py-1">State</th>
                <th className="py-1">Health</th>
                <th className="py-1">Last update</th>
                <th className="py-1 pr-4 text-right">Updates</th>
                <th className="py-1 pr-4 text-right">Mean ms</th>
                <th className="py-1 pr-4 text-right">Errors</th>
                <th className="py-1">Last error</th>
              </tr>
            </thead>
            <tbody>
              {h.components.map((c) => (
                <tr key={c.component} className="border-t border-slate-100" data-testid="health-row">
                  <td className="py-1 font-mono text-xs">{c.component}</td>
                  <td className="py-1">
                    <StatusBadge tone={STATE_TONES[c.state as keyof typeof STATE_TONES] ?? "neutral"}>{c.state}</StatusBadge>
                  </td>
                  <td className="py-1">
                    <HealthBadge status={c.status} />
                  </td>
                  <td className="py-1 text-xs">{c.lastUpdate !== null ? utc(c.lastUpdate) : "—"}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{c.updates}</td>
                  <td className="py-1 pr-4 text-right tabular-nums" data-testid="health-mean-ms">{c.meanProcessingMs === null || c.meanProcessingMs === undefined ? "—" : c.meanProcessingMs.toFixed(3)}</td>
                  <td className={`py-1 pr-4 text-right tabular-nums ${c.errorCount > 0 ? "text-bad" : ""}`}>{c.errorCount}</td>
                  <td className="py-1 text-xs">{c.lastError ? `${c.lastError.code}: ${c.lastError.message}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="mb-1 mt-4 text-xs font-semibold uppercase tracking-wide text-muted">Feeds</h3>
          <ul className="text-sm" data-testid="feeds">
            {h.feeds.map((f) => (
              <li key={f.feed} className="flex flex-wrap gap-3">
                <span className="font-mono text-xs">{f.feed}</span>
                <span>data as of {utc(f.marketTime)}</span>
                <span className="text-muted">received {age(f.wallTime, now)}</span>
                {f.stale ? <StatusBadge tone="warn">stale</StatusBadge> : <StatusBadge tone="good">fresh</StatusBadge>}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-sm text-muted">No step has run yet.</p>
      )}
    </Card>
  );
}
