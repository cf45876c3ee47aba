"use client";
// The runs list: status, mode, window, APY, Sharpe, max drawdown, created; sortable columns,
// filters by mode and status, and a selection to compare (2–10 runs).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { MODE_IDS, MODE_INFO, resolveModeId } from "@/server/engine/config/modes";
import { RUN_STATUSES, type RunSortKey, type RunStatus } from "@/server/runs/run-schemas";
import type { ModeId } from "@/server/engine/config/modes";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { dateTime, day, num, pct } from "./format-run";
import { RunStatusBadge } from "./run-status-badge";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
const COLUMNS: { key: RunSortKey | null; label: string; align?: "right" }[] = [
  { key: null, label: "Run" },
  { key: "status", label: "Status" },
  { key: "mode", label: "Mode" },
  { key: null, label: "Window" },
  { key: "apy", label: "APY", align: "right" },
  { key: "sharpe", label: "Sharpe", align: "right" },
  { key: "maxDrawdown", label: "Max DD", align: "right" },
  { key: "createdAt", label: "Created (UTC)" },
];

export function RunsTable() {
  const trpc = useTRPC();
  const [mode, setMode] = useState<ModeId | "">("");
  const [status, setStatus] = useState<RunStatus | "">("");
  const [sort, setSort] = useState<RunSortKey>("createdAt");
  const [dir, setDir] = useState<"asc" | "desc">("desc");
  const [selected, setSelected] = useState<string[]>([]);
  const runs = useQuery({
    ...trpc.backtest.list.queryOptions({ mode: mode || undefined, status: status || undefined, sort, dir }),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "queued" || r.status === "running") ? 2_000 : false),
  });
  const toggleSort = (k: RunSortKey) => {
    if (k === sort) setDir(dir === "asc" ? "desc" : "asc");
    else {
      setSort(k);
      setDir("desc");
    }
  };
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-10)));

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1">
          Mode
          <select className={selectClass} value={mode} onChange={(e) => setMode(e.target.value as ModeId | "")} data-testid="filter-mode">
            <option value="">all</option>
            {MODE_IDS.map((m) => (
              <option key={m} value={m}>
                {MODE_INFO[m].label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Status
          <select className={selectClass} value={status} onChange={(e) => setStatus(e.target.value as RunStatus | "")} data-testid="filter-status">
            <option value="">all</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div className="ml-auto">
          {selected.length >= 2 ? (
            <Link href={`/compare?runs=${selected.join(",")}`} className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white" data-testid="compare-button">
              Compare {selected.length} runs
            </Link>
          ) : (
            <span className="text-xs text-muted">Select 2–10 runs to compare</span>
          )}
        </div>
      </div>
      {runs.isError ? <p className="text-sm text-bad" data-testid="runs-error">Could not load runs: {runs.error.message}</p> : null}
      {runs.data && runs.data.length === 0 ? (
        <EmptyState title={mode || status ? "No runs match these filters" : "No backtests yet"}>
          <Link href="/backtests/new" className="text-brand hover:underline">Launch a backtest</Link> to see its status, APY, Sharpe and drawdown here.
        </EmptyState>
      ) : null}
      {runs.data && runs.data.length > 0 ? (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="runs-table">
            <thead className="border-b border-slate-200 text-xs text-muted">
              <tr>
                <th className="px-3 py-2" />
                {COLUMNS.map((c) => (
                  <th key={c.label} className={`px-3 py-2 ${c.align === "right" ? "text-right" : ""}`}>
                    {c.key ? (
                      <button type="button" className="hover:text-ink" onClick={() => toggleSort(c.key as RunSortKey)} data-testid={`sort-${c.key}`}>
                        {c.label}
                        {sort === c.key ? (dir === "asc" ? " ▲" : " ▼") : ""}
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => {
                const m = resolveModeId(r.mode);
                return (
                  <tr key={r.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-testid="run-row">
                    <td className="px-3 py-2">
                      <input type="checkbox" aria-label={`select ${r.name}`} checked={selected.includes(r.id)} onChange={() => toggle(r.id)} />
                    </td>
                    <td className="px-3 py-2">
                      <Link href={`/backtests/${r.id}`} className="font-medium text-brand hover:underline" data-testid="run-link">
                        {r.name}
                      </Link>
                      {r.datasetSource === "synthetic" ? (
                        <span className="ml-2">
                          <StatusBadge tone="warn">synthetic</StatusBadge>
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <RunStatusBadge status={r.status} />
                      {r.status === "running" ? <span className="ml-1 text-xs text-muted">{Math.round(r.progress * 100)}%</span> : null}
                      {r.errorCode ? <span className="ml-1 text-xs text-bad">{r.errorCode}</span> : null}
                    </td>
                    <td className="px-3 py-2">{m ? MODE_INFO[m].label : r.mode}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {day(r.windowStart)} → {day(r.windowEnd)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{pct(r.apy)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{num(r.sharpe)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{pct(r.maxDrawdown)}</td>
                    <td className="whitespace-nowrap px-3 py-2">{dateTime(r.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {runs.isPending ? <p className="text-sm text-muted">Loading runs…</p> : null}
    </div>
  );
}
