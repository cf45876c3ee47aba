// One run: header, progress while it runs, then metrics, charts and the event log.
import { RunView } from "@/components/backtests/run-view";

export const metadata = { title: "Backtest" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunView runId={runId} />;
}
