// Sweeps: every parameter sweep and its progress.
import { SweepsList } from "@/components/sweeps/sweeps-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Sweeps" };

export default function SweepsPage() {
  return (
    <>
      <PageHeader title="Sweeps" description="Parameter sweeps: one backtest per combination of swept values, run on the workers; summaries only, any config re-runnable in full." />
      <SweepsList />
    </>
  );
}
