"use client";
// The run page body: header, live progress over SSE while it runs, then (without a reload) the
// metrics, charts and event log; a failed run shows its error code and message.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { TERMINAL_STATUSES, type RunProgress } from "@/server/runs/run-schemas";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { RunCharts } from "./run-charts";
import { RunEventLog } from "./run-event-log";
import { RunHeader } from "./run-header";
import { RunMetricsCards } from "./run-metrics-cards";
import { RunProgressBar } from "./run-progress";
import { StressPanel } from "./stress-panel";

export function RunView({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const run = useQuery(trpc.backtest.get.queryOptions({ runId }));
  const [live, setLive] = useState<RunProgress | null>(null);
  const storedStatus = run.data?.status;
  // a terminal stored status wins: the stream stops once the run's refetch says it ended (cancel)
  const storedFinal = storedStatus !== undefined && TERMINAL_STATUSES.includes(storedStatus);
  const status = storedFinal ? storedStatus : (live?.status ?? storedStatus);
  const finished = status !== undefined && TERMINAL_STATUSES.includes(status);
  useSubscription(
    trpc.backtest.progress.subscriptionOptions(
      { runId },
      {
        enabled: storedStatus !== undefined && !TERMINAL_STATUSES.includes(storedStatus),
        onData: (ev) => {
          setLive(ev.data);
          if (TERMINAL_STATUSES.includes(ev.data.status)) void qc.invalidateQueries({ queryKey: trpc.backtest.get.queryKey({ runId }) });
        },
      },
    ),
  );
  // fetch the charts as soon as the stream says "succeeded", alongside the run's refetch
  const succeeded = status === "succeeded";
  const series = useQuery({ ...trpc.backtest.series.queryOptions({ runId }), enabled: succeeded, staleTime: Infinity });

  if (run.isPending) return <p className="text-sm text-muted">Loading run…</p>;
  if (run.isError) {
    const down = run.error.data?.code === "SERVICE_UNAVAILABLE" || /ECONNREFUSED|connect|database/i.test(run.error.message);
    return (
      <Card title={run.error.data?.code === "NOT_FOUND" ? "Run not found" : "Could not load the run"}>
        <p className="text-sm text-bad" data-testid="run-load-error">
          {down ? "The database is unreachable right now; this page retries when you reload." : run.error.message}
        </p>
      </Card>
    );
  }
  const r = run.data;
  const progress: RunProgress = live && !storedFinal ? live : { status: r.status, progress: r.progress, stepsDone: r.stepsDone, stepsTotal: r.stepsTotal, errorCode: r.errorCode, errorMessage: r.errorMessage };
  const shownStatus = status ?? r.status;
  return (
    <>
      <RunHeader run={r} status={shownStatus} />
      {!finished ? <RunProgressBar progress={progress} /> : null}
      {shownStatus === "failed" ? (
        <div className="mb-6 rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-800" data-testid="run-error">
          <div className="font-semibold">
            Run failed: <span data-testid="run-error-code">{progress.errorCode ?? r.errorCode ?? "unknown"}</span>
          </div>
          <p className="mt-1 whitespace-pre-wrap" data-testid="run-error-message">{progress.errorMessage ?? r.errorMessage}</p>
        </div>
      ) : null}
      {shownStatus === "cancelled" ? <p className="mb-6 text-sm text-muted" data-testid="run-cancelled">This run was cancelled; its partial results were discarded.</p> : null}
      {succeeded ? (
        <>
          {r.summary ? <RunMetricsCards run={r} /> : <p className="mb-6 text-sm text-muted">Loading metrics…</p>}
          {series.data ? (
            <RunCharts series={series.data} shareClass={r.shareClass} />
          ) : series.isError ? (
            <p className="mb-6 text-sm text-bad">Could not load the charts: {series.error.message}</p>
          ) : (
            <p className="mb-6 text-sm text-muted" data-testid="charts-loading">Loading charts…</p>
          )}
          <StressPanel runId={runId} shareClass={r.shareClass} />
        </>
      ) : null}
      {succeeded || shownStatus === "failed" ? <RunEventLog runId={runId} /> : null}
    </>
  );
}
