// Compare: runs side by side (filled by the compare work).
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Compare" };

export default function ComparePage() {
  return (
    <>
      <PageHeader title="Compare" description="Put 2–10 runs side by side: metrics, overlaid equity and drawdown, and what differs in their configs." />
      <EmptyState title="Nothing to compare yet">Select runs in the Backtests list and choose Compare.</EmptyState>
    </>
  );
}
