// One run: header, progress while it runs, then metrics, charts and the event log.
import { RunView } from "@/components/backtests/run-view";

export const metadata = { title: "Backtest" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  // keyed: live progress state belongs to one run (re-run navigates between run pages)
  return <RunView key={runId} runId={runId} />;
}
