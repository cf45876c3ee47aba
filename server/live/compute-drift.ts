// Drift: runs the backtest of a session's window (up to its checkpoint), config and data set and
// compares it with what the session recorded, tick by tick (equity) and per PnL component, so an
// operator sees whether live execution matched the model. Operator parameter changes and the kill
// switch are exactly the kind of thing this shows.
import type pg from "pg";
import { HOUR_MS } from "../engine/core/clock";
import { runBacktestWithDetails } from "../engine/run-backtest";
import { ATTRIBUTION_TERMS, type ResultsSink, type StepRecord } from "../engine/types";
import { AppError } from "../errors";
import { lttbIndexesMulti } from "../charts/lttb";
import { loadDatasetById } from "../market-data/store";
import { resolveModeId } from "../engine/config/modes";
import { findSessionRow, sessionSeriesIds } from "./session-row";
import { MAX_CHART_POINTS } from "./read-session-stream";

export interface DriftResult {
  ticks: number;
  points: { t: number; live: number; backtest: number; diff: number }[];
  components: { term: string; live: number; backtest: number; diff: number }[];
  finalEquity: { live: number; backtest: number; diff: number };
  maxAbsEquityDiff: number;
}

export async function computeDrift(pool: pg.Pool, sessionId: string): Promise<DriftResult> {
  const row = await findSessionRow(pool, sessionId);
  const mode = resolveModeId(row.mode);
  if (!mode) throw new AppError("INVALID_INPUT", `unknown mode ${row.mode}`);
  if (row.checkpointTick < 1) throw new AppError("CONFLICT", "the session has not run enough steps to compare yet");
  const start = row.windowStart.getTime();
  // one tick past the checkpoint, so the compared ticks are not the backtest's last (which only values)
  const end = start + Math.min(row.checkpointTick + 1, row.totalTicks - 1) * HOUR_MS;
  const data = await loadDatasetById(pool, row.datasetId, { seriesIds: sessionSeriesIds(mode, row.initialParams) });
  const equity: number[] = [];
  const totals: Record<string, number> = Object.fromEntries([...ATTRIBUTION_TERMS, "residual"].map((k) => [k, 0]));
  const sink: ResultsSink = {
    onStep(rec: Readonly<StepRecord>) {
      // only the ticks the session has committed are compared (the backtest runs one further)
      if (equity.length > row.checkpointTick) return;
      equity.push(rec.equity);
      for (const k of ATTRIBUTION_TERMS) totals[k] = (totals[k] ?? 0) + rec.attribution[k];
      totals.residual = (totals.residual ?? 0) + rec.attribution.residual;
    },
    onEvent() {},
  };
  runBacktestWithDetails({ mode, params: row.initialParams, data, start, end, capital: row.capital, sink });
  const { rows } = await pool.query<{ tick: number; timeMs: number; equity: number; attribution: Record<string, number | null> }>(
    `SELECT tick, "timeMs", equity, attribution FROM live_session_steps WHERE "sessionId" = $1 AND tick <= $2 ORDER BY tick`,
    [sessionId, row.checkpointTick],
  );
  const liveTotals: Record<string, number> = Object.fromEntries(Object.keys(totals).map((k) => [k, 0]));
  const t: number[] = [];
  const live: number[] = [];
  const bt: number[] = [];
  for (const r of rows) {
    const b = equity[r.tick];
    if (b === undefined) continue;
    t.push(r.timeMs);
    live.push(r.equity);
    bt.push(b);
    for (const k of Object.keys(liveTotals)) liveTotals[k] = (liveTotals[k] ?? 0) + (r.attribution[k] ?? 0);
  }
  let maxAbs = 0;
  for (let i = 0; i < live.length; i++) maxAbs = Math.max(maxAbs, Math.abs((live[i] as number) - (bt[i] as number)));
  const keep = lttbIndexesMulti(t, [live, bt], MAX_CHART_POINTS);
  const lastLive = live[live.length - 1] ?? row.capital;
  const lastBt = bt[bt.length - 1] ?? row.capital;
  return {
    ticks: live.length,
    points: Array.from(keep, (i) => ({ t: t[i] as number, live: live[i] as number, backtest: bt[i] as number, diff: (live[i] as number) - (bt[i] as number) })),
    components: Object.keys(totals).map((term) => ({ term, live: liveTotals[term] ?? 0, backtest: totals[term] ?? 0, diff: (liveTotals[term] ?? 0) - (totals[term] ?? 0) })),
    finalEquity: { live: lastLive, backtest: lastBt, diff: lastLive - lastBt },
    maxAbsEquityDiff: maxAbs,
  };
}
