// Plain JSON health probe: 200 when healthy, 503 with reasons when not.
import { getSystemHealth } from "@/server/system/get-system-health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getSystemHealth();
  return Response.json(
    {
      status: health.ok ? "ok" : "unhealthy",
      reasons: health.reasons,
      database: health.database,
      migrations: health.migrations,
      queue: health.queue,
      datasets: health.datasets.length,
      version: health.appVersion,
      checkedAt: health.checkedAt,
    },
    { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
