"use client";
// The compare page: pick 2–10 finished runs (kept in the URL, so the view is shareable), then read
// their metrics side by side, overlaid charts, and what differs in their configs.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { useTRPC } from "@/components/trpc/client";
import { exportChartsPng, exportChartsSvg } from "./chart-export";
import { formatMetric, type MetricFormat } from "./format-metric";
import { OverlayChart } from "./overlay-chart";
import { runColor } from "./run-colors";

const MAX_RUNS = 10;
const ATTRIBUTION_OPTIONS = ["funding", "lendingInterest", "borrowCost", "stakingYield", "pricePnl", "fees", "gas"] as const;
type Align = "calendar" | "sinceStart";

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
/** Three significant digits: axis ticks of small values (net delta near zero) stay distinct. */
const money = (v: number) => v.toLocaleString("en-US", { maximumSignificantDigits: 3 });

export function CompareView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const selected = useMemo(() => (params.get("runs") ?? "").split(",").filter(Boolean), [params]);
  const align: Align = params.get("align") === "sinceStart" ? "sinceStart" : "calendar";
  const baseline = params.get("baseline") ?? undefined;
  const [attribution, setAttribution] = useState<(typeof ATTRIBUTION_OPTIONS)[number]>("funding");
  const chartsRef = useRef<HTMLDivElement>(null);

  const setParams = (next: { runs?: string[]; align?: Align; baseline?: string | null }) => {
    const sp = new URLSearchParams(params.toString());
    if (next.runs && next.runs.length) sp.set("runs", next.runs.join(","));
    else if (next.runs) sp.delete("runs");
    if (next.align) sp.set("align", next.align);
    if (next.baseline) sp.set("baseline", next.baseline);
    else if (next.baseline === null) sp.delete("baseline");
    router.replace(`${pathname}?${sp.toString()}`, { scroll: false });
  };

  const candidates = useQuery({ ...trpc.compare.candidates.queryOptions(), refetchInterval: 5_000 });
  const comparison = useQuery({
    ...trpc.compare.runs.queryOptions({ runIds: selected, align, baselineId: baseline }),
    enabled: selected.length >= 2 && selected.length <= MAX_RUNS,
    // Runs opened from a sweep are still running when the page opens: keep asking until they finish.
    refetchInterval: (q) => (q.state.error?.data?.appCode === "CONFLICT" ? 2_000 : false),
    retry: false,
  });

  const toggle = (id: string) => {
    if (selected.includes(id)) setParams({ runs: selected.filter((r) => r !== id), baseline: baseline === id ? null : undefined });
    else if (selected.length < MAX_RUNS) setParams({ runs: [...selected, id] });
  };

  const result = comparison.data;
  const runs = result?.runs ?? [];
  const exportBase = `/api/compare/export?runs=${selected.join(",")}&align=${align}${baseline ? `&baseline=${baseline}` : ""}`;

  return (
    <div className="space-y-6">
      <Card title={`Runs (${selected.length} selected, 2–${MAX_RUNS})`}>
        {candidates.isPending ? (
          <p className="text-sm text-muted">Loading runs…</p>
        ) : candidates.isError ? (
          <p className="text-sm text-bad">Could not load runs: {candidates.error.message}</p>
        ) : candidates.data.length === 0 ? (
          <p className="text-sm text-muted">No finished runs yet. <Link className="text-brand underline" href="/backtests/new">Launch a backtest</Link> first.</p>
        ) : (
          <div className="max-h-64 overflow-auto">
            <table className="w-full text-sm" data-testid="compare-candidates">
              <thead className="text-left text-xs text-muted">
                <tr><th className="w-8" /><th>Name</th><th>Mode</th><th>Data</th><th>Window</th><th className="text-right">APY</th></tr>
              </thead>
              <tbody>
                {candidates.data.map((c) => {
                  const on = selected.includes(c.id);
                  return (
                    <tr key={c.id} className={`border-t border-slate-100 ${on ? "bg-sky-50" : ""}`}>
                      <td><input type="checkbox" aria-label={`compare ${c.name}`} checked={on} disabled={!on && selected.length >= MAX_RUNS} onChange={() => toggle(c.id)} /></td>
                      <td className="py-1 font-medium">{c.name}</td>
                      <td>{c.mode}</td>
                      <td>{c.datasetName} {c.datasetSource === "synthetic" ? <StatusBadge tone="warn">synthetic</StatusBadge> : null}</td>
                      <td className="text-xs">{c.windowStart.slice(0, 10)} → {c.windowEnd.slice(0, 10)}</td>
                      <td className="text-right">{formatMetric(c.apy, "pct")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {selected.length < 2 ? (
        <EmptyState title="Select at least two runs">Tick runs above, or open this page with <code>?runs=id1,id2</code>; the URL keeps your selection so you can share it.</EmptyState>
      ) : comparison.isPending ? (
        <p className="text-sm text-muted">Loading comparison…</p>
      ) : comparison.isError ? (
        comparison.error.data?.appCode === "CONFLICT" ? (
          <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-800" data-testid="compare-waiting">Waiting for the selected runs to finish… ({comparison.error.message})</p>
        ) : (
          <p className="rounded-md bg-red-50 p-3 text-sm text-bad" data-testid="compare-error">{comparison.error.message}</p>
        )
      ) : result ? (
        <>
          <div className="flex flex-wrap items-center gap-4">
            <fieldset className="flex items-center gap-2 text-sm" aria-label="Align runs">
              <span className="text-muted">Align on</span>
              {(["calendar", "sinceStart"] as const).map((a) => (
                <label key={a} className={`cursor-pointer rounded-md px-3 py-1 ring-1 ring-slate-300 ${align === a ? "bg-brand text-white ring-brand" : "bg-white"}`}>
                  <input type="radio" name="align" value={a} className="sr-only" checked={align === a} onChange={() => setParams({ align: a })} />
                  {a === "calendar" ? "Calendar time" : "Days since start"}
                </label>
              ))}
            </fieldset>
            <label className="flex items-center gap-2 text-sm">
              <span className="text-muted">Baseline</span>
              <select className="rounded-md border border-slate-300 bg-white px-2 py-1" value={result.baselineId} onChange={(e) => setParams({ baseline: e.target.value })} aria-label="Baseline run">
                {runs.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </select>
            </label>
            <div className="ml-auto flex gap-2 text-sm">
              <a className="rounded-md bg-white px-3 py-1 ring-1 ring-slate-300 hover:bg-slate-50" href={exportBase} download>Export CSV</a>
              <button type="button" className="rounded-md bg-white px-3 py-1 ring-1 ring-slate-300 hover:bg-slate-50" onClick={() => chartsRef.current && exportChartsSvg(chartsRef.current, "comparison.svg")}>Export SVG</button>
              <button type="button" className="rounded-md bg-white px-3 py-1 ring-1 ring-slate-300 hover:bg-slate-50" onClick={() => chartsRef.current && void exportChartsPng(chartsRef.current, "comparison.png")}>Export PNG</button>
            </div>
          </div>

          {result.configDiff.warnings.map((w) => (
            <p key={w} className="rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200" data-testid="compare-warning">{w}</p>
          ))}

          <Card title="Metrics">
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="compare-metrics">
                <thead>
                  <tr className="text-left text-xs text-muted">
                    <th className="py-1">Metric</th>
                    {runs.map((r, i) => (
                      <th key={r.id} className="px-2 text-right">
                        <span className="inline-flex items-center gap-1"><span className="inline-block h-2 w-2 rounded-full" style={{ background: runColor(i) }} />
                          <Link href={`/backtests/${r.id}`} className="hover:underline">{r.name}</Link>{r.id === result.baselineId ? " (baseline)" : ""}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.metrics.map((row) => (
                    <tr key={row.def.key} className="border-t border-slate-100" data-metric={row.def.key}>
                      <td className="py-1.5 text-muted">{row.def.label} <span className="text-xs">({row.def.better} is better)</span></td>
                      {row.values.map((v, i) => {
                        const best = row.best === i;
                        const diff = row.diffToBaseline[i] ?? null;
                        return (
                          <td key={runs[i]?.id ?? i} data-best={best ? "true" : "false"} className={`px-2 text-right tabular-nums ${best ? "bg-emerald-50 font-semibold text-emerald-800" : ""}`}>
                            {formatMetric(v, row.def.format as MetricFormat)}
                            {runs[i]?.id !== result.baselineId && diff !== null ? <span className="ml-1 text-xs text-muted">({formatMetric(diff, row.def.format as MetricFormat, true)})</span> : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>

          <div ref={chartsRef} className="grid gap-4 lg:grid-cols-2">
            <OverlayChart title="Equity (100 = start)" testId="chart-equity" x={result.table.x} columns={result.table.columns} runs={runs} metric="equity100" align={align} />
            <OverlayChart title="Drawdown" testId="chart-drawdown" x={result.table.x} columns={result.table.columns} runs={runs} metric="drawdown" align={align} format={pct} />
            <div className="space-y-2">
              <label className="flex items-center gap-2 text-sm">
                <span className="text-muted">Attribution component</span>
                <select className="rounded-md border border-slate-300 bg-white px-2 py-1" value={attribution} onChange={(e) => setAttribution(e.target.value as (typeof ATTRIBUTION_OPTIONS)[number])}>
                  {ATTRIBUTION_OPTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
                </select>
              </label>
              <OverlayChart title={`Cumulative ${attribution} PnL`} testId="chart-attribution" x={result.table.x} columns={result.table.columns} runs={runs} metric={`cum_${attribution}`} align={align} format={money} />
            </div>
            <OverlayChart title="Net delta value" testId="chart-net-delta" x={result.table.x} columns={result.table.columns} runs={runs} metric="netDeltaValue" align={align} format={money} />
            <OverlayChart title="Health factor" testId="chart-hf" x={result.table.x} columns={result.table.columns} runs={runs} metric="healthFactor" align={align} />
            <OverlayChart title="Lowest CEX margin ratio" testId="chart-margin" x={result.table.x} columns={result.table.columns} runs={runs} metric="minMarginRatio" align={align} format={pct} />
          </div>

          <Card title="Config differences">
            {result.configDiff.rows.length === 0 ? (
              <p className="text-sm text-muted">The runs use identical parameters.</p>
            ) : (
              <table className="w-full text-sm" data-testid="compare-config-diff">
                <thead><tr className="text-left text-xs text-muted"><th>Parameter</th>{runs.map((r) => <th key={r.id} className="px-2">{r.name}</th>)}</tr></thead>
                <tbody>
                  {result.configDiff.rows.map((row) => (
                    <tr key={row.key} className="border-t border-slate-100">
                      <td className="py-1 font-mono text-xs">{row.key}</td>
                      {runs.map((r) => <td key={r.id} className="px-2 font-mono text-xs">{JSON.stringify(row.values[r.id] ?? null)}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="mt-3 text-xs text-muted">Data sets: {runs.map((r) => result.configDiff.datasets[r.id]).join(" · ")}</p>
          </Card>
        </>
      ) : null}
    </div>
  );
}
