// Data: market data sets (real, downloaded, synthetic) with coverage, quality report and charts.
import { DataPageView } from "@/components/data/data-page-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Data" };

export default function DataPage() {
  return (
    <>
      <PageHeader title="Data" description="Market data sets: prices, funding, AAVE rates, LST exchange rates and gas — real, downloaded or synthetic." />
      <DataPageView />
    </>
  );
}
