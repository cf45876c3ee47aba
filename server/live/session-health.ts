// What a session reports about itself each step: the component/feed health snapshot for the
// dashboard, and the ledger-vs-venue reconciliation after a resume.
import type { ExchangeFeed } from "../venues/exchange-feed";
import { reportVenuePositions, type SessionEngine } from "./build-session-engine";
import type { SessionRow } from "./session-row";
import type { ReconciliationResult, SessionHealth } from "./session-schemas";

export function healthSnapshot(se: SessionEngine, row: SessionRow, stale: boolean, feed: ExchangeFeed | null): SessionHealth {
  const st = se.engine.status();
  const wallTime = new Date().toISOString();
  const feedHealth = feed
    ? [
        {
          component: "exchange-feed",
          state: feed.state,
          status: feed.state === "faulted" ? "unhealthy" : feed.state === "degraded" ? "degraded" : "healthy",
          lastUpdate: Number.isFinite(feed.lastUpdate) ? feed.lastUpdate : null,
          errorCount: feed.errorCount,
          lastError: feed.lastError ? { code: "DATA-001", message: feed.lastError, time: Number.isFinite(feed.lastUpdate) ? feed.lastUpdate : 0 } : null,
          updates: feed.updates,
        },
      ]
    : [];
  return {
    status: feed && feed.state !== "running" && st.status === "healthy" ? (feed.state === "faulted" ? "unhealthy" : "degraded") : st.status,
    wallTime,
    components: [
      ...st.components.map((c) => {
        const last = c.errors[c.errors.length - 1];
        return {
          component: c.component,
          state: c.state,
          status: c.status,
          lastUpdate: Number.isFinite(c.lastUpdate) ? c.lastUpdate : null,
          errorCount: Math.round(c.metrics.errorRate * c.metrics.updates) || c.errors.length,
          lastError: last ? { code: last.code, message: last.message, time: last.time } : null,
          updates: c.metrics.updates,
          meanProcessingMs: c.metrics.meanProcessingMs,
        };
      }),
      ...feedHealth,
    ],
    feeds: [
      { feed: `replay:${row.datasetName} v${row.datasetVersion}`, marketTime: se.clock.now, stale, wallTime },
      ...(feed && Number.isFinite(feed.lastUpdate)
        ? [{ feed: `exchange:binance (${[...feed.quotes.keys()].join(", ")})`, marketTime: feed.lastUpdate, stale: feed.state !== "running", wallTime: new Date(feed.lastUpdate).toISOString() }]
        : []),
    ],
  };
}

export function ledgerPositions(se: SessionEngine): { key: string; venue: string; amount: number }[] {
  const ledger = se.engine.components.positions.ledger;
  return se.keys.keys.map((k, i) => ({ key: k.key, venue: k.venue, amount: ledger[i] as number }));
}

/** Compares the rebuilt ledger with what the venues report (and the equity with the checkpoint). */
export function reconcileAfterResume(se: SessionEngine, checkpointEquity: number | null): ReconciliationResult {
  const ledger = se.engine.components.positions.ledger;
  const reported = reportVenuePositions(se);
  const mismatches: ReconciliationResult["mismatches"] = [];
  for (let s = 0; s < reported.length; s++) {
    const venue = reported[s] as number;
    const diff = Math.abs((ledger[s] as number) - venue);
    if (diff > 1e-9 && diff > 0.01 * Math.abs(venue)) mismatches.push({ key: se.keys.keys[s]?.key ?? String(s), expected: ledger[s] as number, reported: venue });
  }
  const equity = se.engine.components.exposure.equity;
  const equityDiff = checkpointEquity === null ? null : Math.abs(equity - checkpointEquity);
  const equityOk = equityDiff === null || equityDiff <= Math.max(1e-6, 1e-9 * Math.abs(checkpointEquity ?? 0));
  return { kind: "resume", ok: mismatches.length === 0 && equityOk, tick: se.clock.tick, checkedKeys: reported.length, mismatches, equityDiff, wallTime: new Date().toISOString() };
}
