// Data: market data sets (filled by the market-data work).
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Data" };

export default function DataPage() {
  return (
    <>
      <PageHeader title="Data" description="Market data sets: prices, funding, AAVE rates, LST exchange rates and gas — real, downloaded or synthetic." />
      <EmptyState title="Data sets">Data set coverage and quality reports appear here.</EmptyState>
    </>
  );
}
