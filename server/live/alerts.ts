// Which engine events become operator alerts, and delivery of alerts to the optional webhook
// (LIVE_ALERT_WEBHOOK_URL). Delivery never throws: a failed POST is recorded on the alert row.
import type pg from "pg";
import type { EngineEvent } from "../engine/types";

export interface AlertDraft {
  level: "warning" | "critical";
  kind: string;
  message: string;
}

const ALERTING_TYPES = new Set(["RiskThresholdCrossed", "PositionLiquidated", "OrderRejected", "ReconciliationFailed", "AtomicGroupRolledBack"]);

/** The alert an engine event raises, or null (risk crossings, rejections, faults, HIGH/CRITICAL events). */
export function alertForEvent(ev: EngineEvent): AlertDraft | null {
  if (!ALERTING_TYPES.has(ev.type) && ev.severity !== "HIGH" && ev.severity !== "CRITICAL") return null;
  const level = ev.severity === "CRITICAL" || ev.type === "PositionLiquidated" || ev.type === "ReconciliationFailed" ? "critical" : "warning";
  const details = Object.entries(ev.payload)
    .slice(0, 4)
    .map(([k, v]) => `${k}=${typeof v === "number" ? Number(v.toPrecision(6)) : String(v)}`)
    .join(", ");
  return { level, kind: ev.type, message: `${ev.type}${ev.venue ? ` on ${ev.venue}` : ""}${details ? ` (${details})` : ""} at ${new Date(ev.time).toISOString()}` };
}

/** Inserts alerts inside the caller's transaction; returns their ids for webhook delivery after commit. */
export async function insertAlerts(client: pg.PoolClient | pg.Pool, sessionId: string, alerts: readonly AlertDraft[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of alerts) {
    const { rows } = await client.query<{ id: string }>(`INSERT INTO live_alerts ("sessionId", level, kind, message) VALUES ($1, $2, $3, $4) RETURNING id::text`, [
      sessionId,
      a.level,
      a.kind,
      a.message,
    ]);
    if (rows[0]) ids.push(rows[0].id);
  }
  return ids;
}

/** POSTs each alert to the webhook (when configured) and records delivered/failed. */
export async function deliverAlerts(pool: pg.Pool, webhookUrl: string | undefined, sessionId: string, ids: readonly string[], alerts: readonly AlertDraft[]): Promise<void> {
  if (!webhookUrl || ids.length === 0) return;
  for (let i = 0; i < ids.length; i++) {
    const a = alerts[i];
    if (!a) continue;
    let status = "failed";
    try {
      const res = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionId, alertId: ids[i], level: a.level, kind: a.kind, message: a.message }),
        signal: AbortSignal.timeout(3_000),
      });
      status = res.ok ? "delivered" : "failed";
    } catch {
      status = "failed";
    }
    await pool.query(`UPDATE live_alerts SET "webhookStatus" = $2 WHERE id = $1::bigint`, [ids[i], status]).catch(() => undefined);
  }
}
