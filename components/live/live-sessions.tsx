"use client";
// The live sessions list (status, mode, equity, PnL today, health at a glance) and, for the logged-in
// operator, the start form. Without a login the list shows only when LIVE_PUBLIC_READ allows it.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { MODE_INFO, resolveModeId } from "@/server/engine/config/modes";
import { LogoutButton } from "@/components/auth/login-form";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { money, signedMoney, utc } from "./format-live";
import { HealthBadge, SessionStatusBadge } from "./session-status-badge";
import { ExchangeKeys } from "./exchange-keys";
import { StartSessionForm } from "./start-session-form";

export function LiveSessions() {
  const trpc = useTRPC();
  const viewer = useQuery(trpc.live.viewer.queryOptions());
  const canRead = Boolean(viewer.data && (viewer.data.loggedIn || viewer.data.publicRead));
  const sessions = useQuery({ ...trpc.live.list.queryOptions(), enabled: canRead, refetchInterval: 2_000 });

  if (viewer.isPending) return <p className="text-sm text-muted">Loading…</p>;
  const loggedIn = viewer.data?.loggedIn ?? false;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        {loggedIn ? (
          <>
            <span className="text-muted" data-testid="operator-badge">
              Logged in as operator
            </span>
            <LogoutButton />
          </>
        ) : (
          <>
            <span className="text-muted">{viewer.data?.authConfigured ? "Controls need the operator login." : "Operator login is not configured (SESSION_SECRET and ADMIN_PASSWORD_HASH or ADMIN_TOKEN)."}</span>
            <Link href="/login?next=/live" className="rounded-md bg-brand px-3 py-1.5 font-medium text-white" data-testid="login-link">
              Log in
            </Link>
          </>
        )}
      </div>
      {loggedIn ? <StartSessionForm /> : null}
      {!canRead ? (
        <EmptyState title="Live sessions are private">Log in as the operator to see them (or set LIVE_PUBLIC_READ=true for read-only dashboards).</EmptyState>
      ) : sessions.data && sessions.data.length === 0 ? (
        <EmptyState title="No live sessions yet">{loggedIn ? "Start a paper session on the replay feed above." : "The operator has not started any session."}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm" data-testid="sessions-table">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th className="px-3 py-2">Session</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Mode</th>
                <th className="px-3 py-2 text-right">Equity</th>
                <th className="px-3 py-2 text-right">PnL today</th>
                <th className="px-3 py-2 text-right">PnL total</th>
                <th className="px-3 py-2">Health</th>
                <th className="px-3 py-2">Progress</th>
                <th className="px-3 py-2">Market time</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data?.map((s) => {
                const mode = resolveModeId(s.mode);
                return (
                  <tr key={s.id} className="border-t border-slate-100" data-testid="session-row">
                    <td className="px-3 py-2">
                      <Link href={`/live/${s.id}`} className="font-medium text-brand hover:underline">
                        {s.name}
                      </Link>
                      <div className="text-xs text-muted">
                        {s.feed} · {s.venue} · {s.speed} h/s
                      </div>
                    </td>
                    <td className="px-3 py-2">
                      <SessionStatusBadge status={s.status} />
                    </td>
                    <td className="px-3 py-2">{mode ? MODE_INFO[mode].label : s.mode}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {money(s.equity)} {s.shareClass}
                    </td>
                    <td className={`px-3 py-2 text-right tabular-nums ${(s.pnlToday ?? 0) < 0 ? "text-bad" : ""}`}>{signedMoney(s.pnlToday)}</td>
                    <td className={`px-3 py-2 text-right tabular-nums ${(s.pnl ?? 0) < 0 ? "text-bad" : ""}`}>{signedMoney(s.pnl)}</td>
                    <td className="px-3 py-2">
                      <HealthBadge status={s.healthStatus} />
                    </td>
                    <td className="px-3 py-2 tabular-nums">
                      {s.checkpointTick + 1}/{s.totalTicks}
                    </td>
                    <td className="px-3 py-2 text-xs">{utc(s.marketTime)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {loggedIn ? <ExchangeKeys /> : null}
    </div>
  );
}
