// Home: what Basis Lab is for, and the live system status.
import Link from "next/link";
import { SystemStatus } from "@/components/system/system-status";
import { PageHeader } from "@/components/ui/page-header";

export default function HomePage() {
  return (
    <>
      <PageHeader
        title="Basis Lab"
        description="Backtest, compare and run crypto yield strategies — lending, funding basis, staking and market-neutral loops — on one event-driven engine shared by backtests and live sessions."
        actions={<Link href="/backtests/new" className="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">New backtest</Link>}
      />
      <SystemStatus />
    </>
  );
}
