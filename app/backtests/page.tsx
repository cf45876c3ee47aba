// Backtests: the runs list, with a link to launch a new one.
import Link from "next/link";
import { RunsTable } from "@/components/backtests/runs-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Backtests" };

export default function BacktestsPage() {
  return (
    <>
      <PageHeader
        title="Backtests"
        description="Launch a strategy over a data set and read its equity, PnL attribution, exposures and risk."
        actions={
          <Link href="/backtests/new" className="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90" data-testid="new-backtest">
            New backtest
          </Link>
        }
      />
      <RunsTable />
    </>
  );
}
