// Compare: 2–10 runs side by side; the selection lives in the URL (?runs=a,b,c).
import { Suspense } from "react";
import { CompareView } from "@/components/compare/compare-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Compare" };

export default function ComparePage() {
  return (
    <>
      <PageHeader title="Compare" description="Put 2–10 runs side by side: metrics with the best value highlighted, overlaid equity, drawdown, attribution and risk, and what differs in their configs." />
      <Suspense fallback={<p className="text-sm text-muted">Loading…</p>}>
        <CompareView />
      </Suspense>
    </>
  );
}
