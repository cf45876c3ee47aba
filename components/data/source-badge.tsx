// The data set's origin as a pill; synthetic data is flagged loudly so nobody mistakes it for market data.
import { StatusBadge } from "@/components/ui/status-badge";

export type DatasetSource = "real" | "synthetic" | "downloaded";

export function SourceBadge({ source }: { source: DatasetSource }) {
  if (source === "synthetic") {
    return (
      <StatusBadge tone="warn" testId="badge-synthetic">
        SYNTHETIC
      </StatusBadge>
    );
  }
  return <StatusBadge tone={source === "real" ? "good" : "info"} testId={`badge-${source}`}>{source}</StatusBadge>;
}
