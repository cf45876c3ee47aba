// Backtests: the runs list (filled by the backtest-results work).
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Backtests" };

export default function BacktestsPage() {
  return (
    <>
      <PageHeader title="Backtests" description="Launch a strategy over a data set and read its equity, PnL attribution, exposures and risk." />
      <EmptyState title="No backtests yet">Runs you launch appear here with their status, APY, Sharpe and drawdown.</EmptyState>
    </>
  );
}
