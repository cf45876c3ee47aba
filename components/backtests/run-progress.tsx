// Progress of a queued or running run: a bar with steps done.
import type { RunProgress } from "@/server/runs/run-schemas";

export function RunProgressBar({ progress }: { progress: RunProgress }) {
  const pctDone = Math.round(progress.progress * 100);
  return (
    <div className="mb-6 rounded-xl border border-slate-200 bg-white p-4" data-testid="run-progress">
      <div className="mb-2 flex justify-between text-sm">
        <span>{progress.status === "queued" ? "Waiting for a worker…" : "Running the engine and storing results…"}</span>
        <span className="tabular-nums">
          {progress.stepsTotal ? `${progress.stepsDone.toLocaleString("en-US")} / ${progress.stepsTotal.toLocaleString("en-US")} steps · ` : ""}
          {pctDone}%
        </span>
      </div>
      <div className="h-2 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pctDone}>
        <div className="h-full bg-brand transition-[width]" style={{ width: `${pctDone}%` }} />
      </div>
    </div>
  );
}
