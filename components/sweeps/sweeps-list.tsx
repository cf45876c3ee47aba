"use client";
// Every sweep with its progress; newest first.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { useTRPC } from "@/components/trpc/client";

export function SweepsList() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.sweep.list.queryOptions(), refetchInterval: 3_000 });
  if (list.isPending) return <p className="text-sm text-muted">Loading…</p>;
  if (list.isError) return <p className="text-sm text-bad">{list.error.message}</p>;
  if (list.data.length === 0) {
    return (
      <EmptyState title="No sweeps yet">
        On the <Link className="text-brand underline" href="/backtests/new">launch form</Link>, turn one or two numeric parameters into a range, or run
        <code className="mx-1">npm run sweep -- --mode btc_basis --start 2024-01-01 --end 2025-09-29 --capital 100000 --set marginRatioTarget=0.5:1.5:0.1</code>.
      </EmptyState>
    );
  }
  return (
    <table className="w-full rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200" data-testid="sweeps-list">
      <thead className="text-left text-xs text-muted">
        <tr><th className="px-3 py-2">Name</th><th>Mode</th><th>Status</th><th>Progress</th><th>Created</th></tr>
      </thead>
      <tbody>
        {list.data.map((s) => (
          <tr key={s.id} className="border-t border-slate-100">
            <td className="px-3 py-2"><Link className="font-medium text-brand hover:underline" href={`/sweeps/${s.id}`}>{s.name}</Link> {s.datasetSource === "synthetic" ? <StatusBadge tone="warn">synthetic</StatusBadge> : null}</td>
            <td>{s.mode}</td>
            <td><StatusBadge tone={s.status === "succeeded" ? "good" : s.status === "failed" ? "bad" : "info"}>{s.status}</StatusBadge></td>
            <td className="tabular-nums">{s.done + s.failed}/{s.total}{s.failed ? <span className="text-bad"> ({s.failed} failed)</span> : null}</td>
            <td className="text-xs text-muted">{s.createdAt.slice(0, 16).replace("T", " ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
