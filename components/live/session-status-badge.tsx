// Status and health pills for live sessions.
import { StatusBadge, type Tone } from "@/components/ui/status-badge";

const STATUS_TONES: Record<string, Tone> = { starting: "info", running: "good", paused: "warn", stopping: "warn", stopped: "neutral", faulted: "bad" };
const HEALTH_TONES: Record<string, Tone> = { healthy: "good", degraded: "warn", unhealthy: "bad", not_configured: "neutral" };

export function SessionStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <StatusBadge tone={STATUS_TONES[status] ?? "neutral"} testId={testId}>
      {status}
    </StatusBadge>
  );
}

export function HealthBadge({ status, testId }: { status: string | null; testId?: string }) {
  return (
    <StatusBadge tone={status ? (HEALTH_TONES[status] ?? "neutral") : "neutral"} testId={testId}>
      {status ?? "—"}
    </StatusBadge>
  );
}
