"use client";
// A Data page task's progress bar, fed by the tRPC SSE subscription until the task is done or failed.
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { DataTask } from "@/server/market-data/overview/data-tasks";

export function TaskProgress({ taskId, onFinished }: { taskId: string; onFinished: (task: DataTask) => void }) {
  const trpc = useTRPC();
  const [task, setTask] = useState<DataTask | null>(null);
  const finished = useRef(false);
  const sub = useSubscription(
    trpc.data.taskProgress.subscriptionOptions(
      { taskId },
      {
        onData: (ev) => setTask(ev.data),
      },
    ),
  );
  useEffect(() => {
    if (task && (task.status === "done" || task.status === "failed") && !finished.current) {
      finished.current = true;
      onFinished(task);
    }
  }, [task, onFinished]);

  const pct = Math.round((task?.progress ?? 0) * 100);
  const status = task?.status ?? "queued";
  const tone = status === "failed" ? "bg-red-500" : status === "done" ? "bg-emerald-500" : "bg-brand";
  return (
    <div className="mt-3" data-testid="task-progress" data-status={status} data-progress={pct}>
      <div className="flex justify-between text-xs text-muted">
        <span data-testid="task-message">{status === "queued" ? "queued: waiting for a worker…" : task?.message}</span>
        <span data-testid="task-status">{status === "done" ? "done" : status === "failed" ? "failed" : `${pct}%`}</span>
      </div>
      <div className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className={`h-full ${tone} transition-[width] duration-300`} style={{ width: `${status === "failed" ? 100 : pct}%` }} />
      </div>
      {task?.error ? <p className="mt-1 text-xs text-red-600" data-testid="task-error">{task.error}</p> : null}
      {sub.status === "error" ? <p className="mt-1 text-xs text-red-600">progress stream lost: {sub.error?.message}</p> : null}
    </div>
  );
}
