"use client";
// The run page header: name, mode, window, data set (with a "synthetic" badge), status and the
// actions (cancel while it runs, re-run, exports).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { MODE_INFO, resolveModeId } from "@/server/engine/config/modes";
import type { RunDto, RunStatus } from "@/server/runs/run-schemas";
import { useTRPC } from "@/components/trpc/client";
import { StatusBadge } from "@/components/ui/status-badge";
import { dateTime, day } from "./format-run";
import { RunStatusBadge } from "./run-status-badge";

const EXPORTS = [
  { kind: "config", label: "Config JSON" },
  { kind: "summary", label: "Summary JSON" },
  { kind: "steps", label: "Steps CSV" },
  { kind: "events", label: "Events CSV" },
] as const;

export function RunHeader({ run, status }: { run: RunDto; status: RunStatus }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const mode = resolveModeId(run.mode);
  const cancel = useMutation(trpc.backtest.cancel.mutationOptions({ onSettled: () => qc.invalidateQueries({ queryKey: trpc.backtest.get.queryKey({ runId: run.id }) }) }));
  const rerun = useMutation(trpc.backtest.rerun.mutationOptions({ onSuccess: ({ id }) => router.push(`/backtests/${id}`) }));
  const active = status === "queued" || status === "running";
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4" data-testid="run-header">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="run-name">{run.name}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-muted">
          <RunStatusBadge status={status} testId="run-status" />
          <span data-testid="run-mode">{mode ? MODE_INFO[mode].label : run.mode}</span>
          <span>·</span>
          <span data-testid="run-window">
            {day(run.windowStart)} → {day(run.windowEnd)}
          </span>
          <span>·</span>
          <span data-testid="run-dataset">
            {run.datasetName} v{run.datasetVersion}
          </span>
          {run.datasetSource === "synthetic" ? (
            <StatusBadge tone="warn" testId="synthetic-badge">
              synthetic
            </StatusBadge>
          ) : null}
          <span>·</span>
          <span>
            {run.capital.toLocaleString("en-US")} {run.shareClass}
          </span>
          <span>·</span>
          <span title={run.engineVersion}>created {dateTime(run.createdAt)} UTC</span>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {active ? (
          <button type="button" onClick={() => cancel.mutate({ runId: run.id })} disabled={cancel.isPending || run.cancelRequested} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50" data-testid="cancel-button">
            {run.cancelRequested || cancel.isPending ? "Cancelling…" : "Cancel"}
          </button>
        ) : (
          <button type="button" onClick={() => rerun.mutate({ runId: run.id })} disabled={rerun.isPending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50" data-testid="rerun-button">
            Re-run
          </button>
        )}
        {status === "succeeded"
          ? EXPORTS.map((e) => (
              <a key={e.kind} href={`/api/runs/${run.id}/export/${e.kind}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100" data-testid={`export-${e.kind}`} download>
                {e.label}
              </a>
            ))
          : null}
        <Link href="/backtests" className="px-2 text-sm text-brand hover:underline">
          All runs
        </Link>
      </div>
    </div>
  );
}
