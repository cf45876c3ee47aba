// One parameter sweep: progress, results table, line chart or heatmap.
import { SweepView } from "@/components/sweeps/sweep-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Sweep" };

export default async function SweepPage({ params }: { params: Promise<{ sweepId: string }> }) {
  const { sweepId } = await params;
  return (
    <>
      <PageHeader title="Parameter sweep" description="Each config's summary; open any as a full run (re-run deterministically) or select several to compare." />
      <SweepView sweepId={sweepId} />
    </>
  );
}
