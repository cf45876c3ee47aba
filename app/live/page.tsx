// Live: paper and real trading sessions on the same engine (not built yet).
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Live" };

export default function LivePage() {
  return (
    <>
      <PageHeader title="Live" description="Paper and real sessions run the same components as a backtest, with a wall clock and live feeds." />
      <EmptyState title="No live sessions">Live sessions are not available in this version yet.</EmptyState>
    </>
  );
}
