// New backtest: the launch form generated from the chosen mode's parameter schema.
import { LaunchForm } from "@/components/backtests/launch-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "New backtest" };

export default function NewBacktestPage() {
  return (
    <>
      <PageHeader title="New backtest" description="Choose a mode, a data set and a window, set the parameters, and press Run. The run executes on a worker; its page shows progress, then the charts." />
      <LaunchForm />
    </>
  );
}
