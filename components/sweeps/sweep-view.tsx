"use client";
// A sweep's page: progress while it runs, a sortable results table, a 1-D line or 2-D heatmap of
// the chosen metric; open any config as a full run, or select several and compare them.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { useTRPC } from "@/components/trpc/client";
import { SweepHeatmap } from "./sweep-heatmap";

const METRICS = [
  { key: "apy", label: "APY", higher: true, fmt: (v: number) => `${(v * 100).toFixed(2)}%` },
  { key: "totalReturn", label: "Total return", higher: true, fmt: (v: number) => `${(v * 100).toFixed(2)}%` },
  { key: "sharpe", label: "Sharpe", higher: true, fmt: (v: number) => v.toFixed(2) },
  { key: "maxDrawdown", label: "Max drawdown", higher: false, fmt: (v: number) => `${(v * 100).toFixed(2)}%` },
] as const;
type MetricKey = (typeof METRICS)[number]["key"];

export function SweepView({ sweepId }: { sweepId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [metric, setMetric] = useState<MetricKey>("apy");
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: "apy", desc: true });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const sweep = useQuery({
    ...trpc.sweep.get.queryOptions({ id: sweepId }),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "queued" || q.state.data.status === "running") ? 1_000 : false),
  });
  const open = useMutation(trpc.sweep.openConfig.mutationOptions());
  const cancel = useMutation(trpc.sweep.cancel.mutationOptions({ onSuccess: () => void sweep.refetch() }));
  const [compareError, setCompareError] = useState<string | null>(null);

  const m = METRICS.find((x) => x.key === metric) ?? METRICS[0];
  const s = sweep.data;
  const rows = useMemo(() => {
    if (!s) return [];
    const val = (r: (typeof s.results)[number]) => {
      if (sort.key.startsWith("axis:")) return r.point[Number(sort.key.slice(5))] ?? null;
      return r[sort.key as MetricKey];
    };
    return [...s.results].sort((a, b) => {
      const va = val(a);
      const vb = val(b);
      if (va === null) return 1;
      if (vb === null) return -1;
      return sort.desc ? vb - va : va - vb;
    });
  }, [s, sort]);

  if (sweep.isPending) return <p className="text-sm text-muted">Loading sweep…</p>;
  if (sweep.isError) return <p className="rounded-md bg-red-50 p-3 text-sm text-bad">{sweep.error.message}</p>;
  if (!s) return null;

  const openRun = async (idx: number) => {
    const { runId } = await open.mutateAsync({ sweepId, idx });
    router.push(`/backtests/${runId}`);
  };
  const toggle = (idx: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(idx)) next.delete(idx);
      else if (next.size < 10) next.add(idx);
      return next;
    });
  const compareSelected = async () => {
    setCompareError(null);
    try {
      const ids: string[] = [];
      for (const idx of selected) ids.push((await open.mutateAsync({ sweepId, idx })).runId);
      router.push(`/compare?runs=${ids.join(",")}`);
    } catch (err) {
      setCompareError(err instanceof Error ? err.message : String(err));
    }
  };

  const finished = s.done + s.failed;
  const pct = s.total ? Math.round((finished / s.total) * 100) : 0;
  const running = s.status === "queued" || s.status === "running";
  const axisKeys = s.axes.map((a) => a.key);
  const headerButton = (key: string, label: string) => (
    <button type="button" className="font-medium hover:underline" onClick={() => setSort((p) => ({ key, desc: p.key === key ? !p.desc : true }))}>
      {label}{sort.key === key ? (sort.desc ? " ↓" : " ↑") : ""}
    </button>
  );

  return (
    <div className="space-y-6">
      <Card>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <StatusBadge tone={s.status === "succeeded" ? "good" : s.status === "failed" ? "bad" : s.status === "cancelled" ? "neutral" : "info"} testId="sweep-status">{s.status}</StatusBadge>
          <span>{s.mode}</span>
          <span className="text-muted">{s.windowStart.slice(0, 10)} → {s.windowEnd.slice(0, 10)}</span>
          <span>data: {s.dataset.name} v{s.dataset.version}</span>
          {s.dataset.source === "synthetic" ? <StatusBadge tone="warn">synthetic</StatusBadge> : null}
          <span className="text-muted">axes: {axisKeys.join(" × ")}</span>
          {running ? <button type="button" className="ml-auto rounded-md px-3 py-1 ring-1 ring-slate-300" onClick={() => cancel.mutate({ id: sweepId })}>Cancel</button> : null}
        </div>
        <div className="mt-3" data-testid="sweep-progress">
          <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-brand transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-1 text-xs text-muted">{s.done} done · {s.failed} failed · {Math.max(0, s.total - finished)} remaining of {s.total}</p>
        </div>
      </Card>

      <Card title={
        <span className="flex items-center gap-3">
          Results by
          <select aria-label="Metric" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal" value={metric} onChange={(e) => { setMetric(e.target.value as MetricKey); setSort({ key: e.target.value, desc: e.target.value !== "maxDrawdown" }); }}>
            {METRICS.map((x) => <option key={x.key} value={x.key}>{x.label}</option>)}
          </select>
        </span>
      }>
        {s.axes.length >= 2 ? (
          <SweepHeatmap
            cells={s.results.map((r) => ({ idx: r.idx, x: r.point[0] ?? 0, y: r.point[1] ?? 0, value: r[metric], status: r.status }))}
            xKey={axisKeys[0] ?? ""}
            yKey={axisKeys[1] ?? ""}
            metricLabel={m.label}
            higherIsBetter={m.higher}
            format={m.fmt}
            selected={selected}
            onOpen={(idx) => void openRun(idx)}
            onToggle={toggle}
          />
        ) : (
          <div className="h-72" data-testid="sweep-line">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={s.results.map((r) => ({ x: r.point[0], y: r[metric] }))} margin={{ top: 5, right: 20, bottom: 20, left: 10 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="x" type="number" domain={["dataMin", "dataMax"]} tick={{ fontSize: 11 }} label={{ value: axisKeys[0], position: "insideBottom", offset: -10, fontSize: 11 }} />
                <YAxis tickFormatter={m.fmt} tick={{ fontSize: 11 }} width={70} domain={["auto", "auto"]} />
                <Tooltip formatter={(v) => m.fmt(Number(v))} />
                <Line dataKey="y" name={m.label} stroke="#2563eb" isAnimationActive={false} dot={{ r: 3 }} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
        {open.isError ? <p className="mt-2 text-sm text-bad">{open.error.message}</p> : null}
      </Card>

      <Card title={`Configs (${s.results.length})`}>
        <div className="mb-2 flex items-center gap-3 text-sm">
          <span className="text-muted">{selected.size} selected</span>
          <button type="button" disabled={selected.size < 2 || open.isPending} className="rounded-md bg-brand px-3 py-1 text-white disabled:opacity-40" onClick={() => void compareSelected()}>Compare selected</button>
          {compareError ? <span className="text-bad">{compareError}</span> : null}
        </div>
        <div className="max-h-[28rem] overflow-auto">
          <table className="w-full text-sm" data-testid="sweep-results">
            <thead className="sticky top-0 bg-white text-left text-xs text-muted">
              <tr>
                <th className="w-8" />
                {axisKeys.map((k, i) => <th key={k} className="px-2">{headerButton(`axis:${i}`, k)}</th>)}
                {METRICS.map((x) => <th key={x.key} className="px-2 text-right">{headerButton(x.key, x.label)}</th>)}
                <th className="px-2">Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.idx} className="border-t border-slate-100">
                  <td><input type="checkbox" aria-label={`select config ${r.idx}`} checked={selected.has(r.idx)} onChange={() => toggle(r.idx)} disabled={r.status !== "succeeded"} /></td>
                  {r.point.map((v, i) => <td key={i} className="px-2 font-mono text-xs">{v}</td>)}
                  {METRICS.map((x) => <td key={x.key} className="px-2 text-right tabular-nums">{r[x.key] === null ? "—" : x.fmt(r[x.key] as number)}</td>)}
                  <td className="px-2 text-xs" title={r.errorMessage ?? undefined}>{r.status}{r.errorCode ? ` (${r.errorCode})` : ""}</td>
                  <td className="px-2 text-right">
                    {r.runId ? <Link className="text-brand underline" href={`/backtests/${r.runId}`}>run</Link> : r.status === "succeeded" ? (
                      <button type="button" className="text-brand underline" onClick={() => void openRun(r.idx)}>open</button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
