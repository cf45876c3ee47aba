// A run's status as a coloured pill.
import { StatusBadge, type Tone } from "@/components/ui/status-badge";
import type { RunStatus } from "@/server/runs/run-schemas";

const TONE: Record<RunStatus, Tone> = { queued: "neutral", running: "info", succeeded: "good", failed: "bad", cancelled: "warn" };

export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <StatusBadge tone={TONE[status]} testId={testId}>
      {status}
    </StatusBadge>
  );
}
