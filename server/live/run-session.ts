// Runs one live session on the worker: claim it (fenced by `attempt`), rebuild the engine, replay
// silently to the checkpoint when resuming (the engine is deterministic), reconcile the ledger with
// the venues, then step at the chosen speed. Every step commits its row, its events, its alerts and
// the checkpoint in ONE transaction; operator controls are read from the row between steps.
import type pg from "pg";
import { getModeSchema, resolveModeId } from "../engine/config/modes";
import { isEngineError } from "../engine/core/errors";
import type { EngineEvent } from "../engine/types";
import { loadDatasetById } from "../market-data/store";
import { CcxtExchangeVenue } from "../venues/ccxt-exchange-venue";
import { ExchangeFeed } from "../venues/exchange-feed";
import { alertForEvent, deliverAlerts, insertAlerts, type AlertDraft } from "./alerts";
import { openExchangeCredential } from "./exchange-credentials";
import { binancePerpFills, mirrorFills, perpSymbolOf, positionsAgree, type PerpFill } from "./exchange-mirror";
import { buildSessionEngine, stopEngineComponents, type CollectedStep, type SessionEngine, type SessionParams } from "./build-session-engine";
import { wallMsPerTick } from "./replay-clock";
import { sessionRowSchema, sessionSeriesIds, type SessionRow } from "./session-row";
import type { ReconciliationResult } from "./session-schemas";
import { healthSnapshot, ledgerPositions, reconcileAfterResume } from "./session-health";
import { mergeLiveParams } from "./merge-live-params";

export const SESSION_HEARTBEAT_MS = 2_000;
export const SESSION_STALE_MS = 10_000;
/** emergencyStopLossPct and the daily loss limit of domain §6 */
export const DEFAULT_RISK_LIMITS = { maxDrawdown: 0.15, dailyLoss: 5_000 } as const;
const DAY_MS = 86_400_000;
const MAX_DB_RETRY_MS = 120_000;

export type RunSessionOutcome = "completed" | "stopped" | "killed" | "faulted" | "skipped" | "released" | "fenced";

export interface RunSessionOptions {
  pool: pg.Pool;
  workerId: string;
  jobId?: string;
  /** Aborted when the worker shuts down: the session is handed back (status kept) for a retry. */
  signal?: AbortSignal;
  staleMs?: number;
  webhookUrl?: string;
  log?: (line: string) => void;
  /** Test hook: called after each committed step; returning false abandons the run there (a simulated kill). */
  afterStep?: (tick: number) => boolean;
  /** Live risk halts (domain §6): drawdown from peak equity, and loss since the market day began (USDT share class). */
  riskLimits?: { maxDrawdown: number; dailyLoss: number };
  /** Exchange venue sessions: where ccxt sends requests (a proxy, the fake exchange) and the key that opens stored API keys. */
  exchange?: { baseUrl?: string; secretsKey?: string; timeoutMs?: number; feedIntervalMs?: number; feedBackoffMs?: number };
  /** Test hook: the wall wait between steps (default: real sleep). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const ignoreClientError = (): void => undefined;

class FencedError extends Error {
  constructor() {
    super("session was claimed by another worker");
  }
}

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

/** Claims a session that is starting, or active with a stale heartbeat; null when another worker holds it. */
export async function claimSession(pool: pg.Pool, id: string, workerId: string, jobId: string | null, staleMs: number): Promise<SessionRow | null> {
  const { rows } = await pool.query(
    `UPDATE live_sessions SET attempt = attempt + 1, "workerId" = $2, "jobId" = COALESCE($3, "jobId"), "lastHeartbeat" = now(),
       "startedAt" = COALESCE("startedAt", now())
     WHERE id = $1 AND status IN ('starting', 'running', 'paused', 'stopping')
       AND ("lastHeartbeat" IS NULL OR "lastHeartbeat" < now() - $4 * interval '1 millisecond')
     RETURNING *`,
    [id, workerId, jobId, staleMs],
  );
  return rows.length ? sessionRowSchema.parse(rows[0]) : null;
}

interface SessionEventDraft {
  engineSeq: number | null;
  tick: number;
  timeMs: number;
  type: string;
  component: string;
  venue: string | null;
  severity: string | null;
  payload: unknown;
}

const fromEngineEvent = (ev: EngineEvent, tick: number): SessionEventDraft => ({
  engineSeq: ev.seq,
  tick,
  timeMs: ev.time,
  type: ev.type,
  component: ev.component,
  venue: ev.venue ?? null,
  severity: ev.severity ?? null,
  payload: ev.payload,
});

async function insertEvents(client: pg.PoolClient | pg.Pool, sessionId: string, events: readonly SessionEventDraft[]): Promise<void> {
  if (events.length === 0) return;
  const values: string[] = [];
  const args: unknown[] = [sessionId];
  for (const e of events) {
    const b = args.length;
    values.push(`($1, $${b + 1}::int, $${b + 2}::int, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}::jsonb)`);
    args.push(e.engineSeq, e.tick, e.timeMs, e.type, e.component, e.venue, e.severity, JSON.stringify(e.payload ?? {}));
  }
  // engine events are idempotent on (session, engineSeq): a resumed run never duplicates them
  await client.query(
    `INSERT INTO live_session_events ("sessionId", "engineSeq", tick, "timeMs", type, component, venue, severity, payload) VALUES ${values.join(", ")}
     ON CONFLICT ("sessionId", "engineSeq") DO NOTHING`,
    args,
  );
}

/** Loads the session's parameter changes (tick → params) so a replay applies them where they were applied. */
async function loadParamChanges(pool: pg.Pool, sessionId: string): Promise<Map<number, Record<string, unknown>>> {
  const { rows } = await pool.query<{ tick: number; payload: { params?: Record<string, unknown> } }>(
    `SELECT tick, payload FROM live_session_events WHERE "sessionId" = $1 AND type = 'ParamsChanged' ORDER BY id`,
    [sessionId],
  );
  const out = new Map<number, Record<string, unknown>>();
  for (const r of rows) if (r.payload.params) out.set(r.tick, r.payload.params);
  return out;
}

function applyParams(se: SessionEngine, next: SessionParams): void {
  Object.assign(se.params, next);
}

export async function runSession(sessionId: string, opts: RunSessionOptions): Promise<RunSessionOutcome> {
  const { pool } = opts;
  const log = opts.log ?? (() => undefined);
  const sleep = opts.sleep ?? realSleep;
  const claimed = await claimSession(pool, sessionId, opts.workerId, opts.jobId ?? null, opts.staleMs ?? SESSION_STALE_MS);
  if (!claimed) return "skipped";
  const attempt = claimed.attempt;
  const row = claimed;
  const modeId = resolveModeId(row.mode);
  if (!modeId) {
    await faultSession(pool, row, "CONFIG-003", `unknown mode ${row.mode}`);
    return "faulted";
  }

  // ---------- build and (on resume) replay to the checkpoint ----------
  let se: SessionEngine;
  let peakEquity = row.capital;
  const resuming = row.checkpointTick >= 0 || row.status !== "starting";
  try {
    const initial = getModeSchema(modeId).parse(row.initialParams);
    const data = await loadDatasetById(pool, row.datasetId, { seriesIds: sessionSeriesIds(modeId, initial) });
    se = buildSessionEngine({ mode: modeId, params: initial, data, start: row.windowStart.getTime(), end: row.windowEnd.getTime(), capital: row.capital });
    const changes = resuming ? await loadParamChanges(pool, sessionId) : new Map<number, Record<string, unknown>>();
    for (let k = 0; k <= row.checkpointTick; k++) {
      const change = changes.get(k);
      if (change) applyParams(se, getModeSchema(modeId).parse(change));
      if (!se.engine.step()) break;
      const replayed = se.collector.drain().step;
      if (replayed && replayed.equity > peakEquity) peakEquity = replayed.equity;
    }
  } catch (err) {
    const code = isEngineError(err) ? err.code : "EDS-001";
    await faultSession(pool, row, code, err instanceof Error ? err.message : String(err));
    return "faulted";
  }

  // ---------- exchange venue (paper fills drive the engine; Binance perp orders go to the exchange) ----------
  let exchange: { venue: CcxtExchangeVenue; symbol: string; perpSlot: number } | null = null;
  if (row.venue === "exchange") {
    const symbol = perpSymbolOf(row.mode);
    const perpSlot = se.keys.find(`binance:Perp:${row.mode === "btc_basis" ? "BTC" : "ETH"}USDT`);
    if (!symbol || perpSlot < 0 || !row.exchangeCredentialId) {
      await faultSession(pool, row, "VEN-004", "the exchange venue needs a basis mode with a Binance hedge leg and a stored API key");
      return "faulted";
    }
    try {
      const cred = await openExchangeCredential(pool, opts.exchange?.secretsKey, row.exchangeCredentialId);
      if (!cred.testnet || cred.exchange !== "binance") throw new Error("only Binance testnet keys can trade from a session");
      exchange = {
        venue: new CcxtExchangeVenue({ apiKey: cred.apiKey, secret: cred.secret, baseUrl: opts.exchange?.baseUrl, testnet: true, timeoutMs: opts.exchange?.timeoutMs, sleep, log }),
        symbol,
        perpSlot,
      };
    } catch (err) {
      await faultSession(pool, row, "VEN-005", `exchange key unavailable: ${err instanceof Error ? err.message : String(err)}`);
      return "faulted";
    }
  }

  const sessionEvents: SessionEventDraft[] = [];
  const alertsToRaise: AlertDraft[] = [];
  const sessionEvent = (type: string, payload: Record<string, unknown>, severity = "INFO", component = "session"): void => {
    const tick = Math.max(se.clock.tick, -1);
    sessionEvents.push({ engineSeq: null, tick, timeMs: Number.isFinite(se.clock.now) ? se.clock.now : row.windowStart.getTime(), type, component, venue: null, severity, payload });
  };
  // the exchange's own marks and funding, watched next to the replay (health, disconnects, gaps)
  const feed = exchange
    ? new ExchangeFeed(exchange.venue, {
        symbols: [exchange.symbol],
        intervalMs: opts.exchange?.feedIntervalMs ?? 5_000,
        backoffMs: opts.exchange?.feedBackoffMs ?? 1_000,
        maxBackoffMs: 30_000,
        faultAfter: 10,
        onEvent: (e) => {
          const severity = e.type === "FeedFaulted" ? "HIGH" : e.type === "FeedDisconnected" || e.type === "DataGapLogged" ? "MEDIUM" : "INFO";
          sessionEvent(e.type, e.payload, severity, "exchange-feed");
          if (e.type === "FeedFaulted") alertsToRaise.push({ level: "critical", kind: "FeedFaulted", message: `exchange feed down after ${e.payload.failures} attempts: ${e.payload.error}` });
        },
      })
    : null;
  let nextFeedPoll = 0;
  const pollFeed = async (): Promise<void> => {
    if (!feed || Date.now() < nextFeedPoll) return;
    await feed.poll();
    nextFeedPoll = Date.now() + feed.nextWaitMs();
  };
  let status = row.status === "starting" ? "running" : row.status;
  let reconciliation: ReconciliationResult | null = null;

  if (resuming) {
    reconciliation = reconcileAfterResume(se, row.equity);
    sessionEvent("SessionResumed", { fromTick: row.checkpointTick, attempt, replayedTicks: row.checkpointTick + 1, workerId: opts.workerId });
    sessionEvent(
      reconciliation.ok ? "PositionsReconciled" : "ReconciliationFailed",
      { ok: reconciliation.ok, checkedKeys: reconciliation.checkedKeys, mismatches: reconciliation.mismatches.length, equityDiff: reconciliation.equityDiff },
      reconciliation.ok ? "INFO" : "CRITICAL",
    );
    if (!reconciliation.ok) {
      // new orders halt until an operator acknowledges (resume control)
      status = "paused";
      alertsToRaise.push({ level: "critical", kind: "ReconciliationFailed", message: `after restart the ledger and the venues disagree on ${reconciliation.mismatches.length} key(s)` });
    }
  } else {
    sessionEvent("SessionStarted", { attempt, totalTicks: se.clock.totalTicks, speed: row.speed, warnings: se.warnings.join("; ") });
  }
  log(`session ${sessionId}: ${resuming ? `resumed at tick ${row.checkpointTick + 1}` : "started"} (attempt ${attempt})`);

  // ---------- the step loop ----------
  let dayStartEquity = row.dayStartEquity ?? row.capital;
  let prevEquity = row.equity ?? row.capital;
  let prevDay = row.marketTime ? Math.floor(row.marketTime.getTime() / DAY_MS) : Math.floor(row.windowStart.getTime() / DAY_MS);
  let currentParams: Record<string, unknown> = { ...row.params };
  let control = row.control;
  let pendingParams = row.pendingParams;
  // a parameter change applied in memory, cleared from the row with the step that first uses it
  let consumedParams: Record<string, unknown> | null = null;
  const msPerTick = wallMsPerTick(row.speed);
  const riskLimits = opts.riskLimits ?? DEFAULT_RISK_LIMITS;
  // a halt fires once per breach: it re-arms when the breach clears, so a resume is not halted again at once
  let riskHaltArmed = true;
  let lastBeat = Date.now();

  // commits the session-level events (and status) without a step, e.g. start, pause, resume
  const commitMeta = async (extra: { status?: string; clearControl?: boolean; stopped?: boolean; killed?: boolean; error?: { code: string; message: string } } = {}): Promise<void> => {
    // a stopped or faulted session shows its components' final states
    const finalHealth = extra.stopped ? JSON.stringify(healthSnapshot(se, row, false, feed)) : null;
    const alerts = alertsToRaise.splice(0);
    const events = sessionEvents.splice(0);
    const ids = await withDbRetry(async () => {
      const client = await pool.connect();
      // a connection lost while checked out emits 'error' on the client: without a listener that
      // would crash the worker; the failing query rejects and withDbRetry retries
      client.on("error", ignoreClientError);
      let failed = false;
      try {
        await client.query("BEGIN");
        const res = await client.query(
          `UPDATE live_sessions SET status = $3, "lastHeartbeat" = now(), reconciliation = COALESCE($4::jsonb, reconciliation),
             control = CASE WHEN $5 THEN NULL ELSE control END, "stoppedAt" = CASE WHEN $6 THEN now() ELSE "stoppedAt" END,
             "killedAt" = CASE WHEN $7 THEN now() ELSE "killedAt" END, "errorCode" = COALESCE($8, "errorCode"), "errorMessage" = COALESCE($9, "errorMessage"),
             health = COALESCE($10::jsonb, health)
           WHERE id = $1 AND attempt = $2`,
          [
            sessionId,
            attempt,
            extra.status ?? status,
            reconciliation ? JSON.stringify(reconciliation) : null,
            extra.clearControl ?? false,
            extra.stopped ?? false,
            extra.killed ?? false,
            extra.error?.code ?? null,
            extra.error?.message ?? null,
            finalHealth,
          ],
        );
        if (res.rowCount !== 1) throw new FencedError();
        await insertEvents(client, sessionId, events);
        const alertIds = await insertAlerts(client, sessionId, alerts);
        await client.query("COMMIT");
        return alertIds;
      } catch (err) {
        failed = true;
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.off("error", ignoreClientError);
        // a transaction that failed may have lost its connection: discard it rather than pool it
        client.release(failed);
      }
    });
    void deliverAlerts(pool, opts.webhookUrl, sessionId, ids, alerts);
  };

  const commitStep = async (step: CollectedStep, engineEvents: readonly EngineEvent[], stale: boolean): Promise<{ control: SessionRow["control"]; pendingParams: SessionRow["pendingParams"] }> => {
    const tick = se.clock.tick;
    const day = Math.floor(step.time / DAY_MS);
    if (day !== prevDay) {
      dayStartEquity = prevEquity;
      prevDay = day;
    }
    prevEquity = step.equity;
    for (const ev of engineEvents) {
      const a = alertForEvent(ev);
      if (a) alertsToRaise.push(a);
    }
    const events = [...sessionEvents.splice(0), ...engineEvents.map((e) => fromEngineEvent(e, tick))];
    const alerts = alertsToRaise.splice(0);
    const health = healthSnapshot(se, row, stale, feed);
    const positions = ledgerPositions(se);
    // the engine reconciles every tick and faults on a mismatch, so a committed step is a passed check;
    // a resume's or the exchange's result stays on show (the exchange one is refreshed after each routed order)
    if (reconciliation === null || reconciliation.kind === "step") {
      reconciliation = { kind: "step", ok: true, tick, checkedKeys: se.keys.size, mismatches: [], equityDiff: null, wallTime: health.wallTime };
    }
    const consumed = consumedParams;
    const result = await withDbRetry(async () => {
      const client = await pool.connect();
      // a connection lost while checked out emits 'error' on the client: without a listener that
      // would crash the worker; the failing query rejects and withDbRetry retries
      client.on("error", ignoreClientError);
      let failed = false;
      try {
        await client.query("BEGIN");
        const res = await client.query<{ control: string | null; pendingParams: Record<string, unknown> | null }>(
          `UPDATE live_sessions SET "checkpointTick" = $3, "marketTime" = $4, equity = $5, "dayStartEquity" = $6, health = $7::jsonb,
             positions = $8::jsonb, reconciliation = $9::jsonb, "lastHeartbeat" = now(), status = $10,
             params = COALESCE($11::jsonb, params),
             "pendingParams" = CASE WHEN $12::jsonb IS NOT NULL AND "pendingParams" = $12::jsonb THEN NULL ELSE "pendingParams" END
           WHERE id = $1 AND attempt = $2 RETURNING control, "pendingParams"`,
          [
            sessionId,
            attempt,
            tick,
            new Date(step.time),
            step.equity,
            dayStartEquity,
            JSON.stringify(health),
            JSON.stringify(positions),
            JSON.stringify(reconciliation),
            status,
            consumed ? JSON.stringify(currentParams) : null,
            consumed ? JSON.stringify(consumed) : null,
          ],
        );
        if (res.rowCount !== 1) throw new FencedError();
        await client.query(
          `INSERT INTO live_session_steps ("sessionId", tick, "timeMs", equity, nav, attribution, positions, risk, record)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb)`,
          [sessionId, tick, step.time, step.equity, step.nav, JSON.stringify(step.attribution), JSON.stringify(step.positions), JSON.stringify(step.risk), JSON.stringify(Array.from(step.record))],
        );
        await insertEvents(client, sessionId, events);
        const alertIds = await insertAlerts(client, sessionId, alerts);
        await client.query("COMMIT");
        const r = res.rows[0];
        consumedParams = null;
        return { alertIds, control: (r?.control ?? null) as SessionRow["control"], pendingParams: r?.pendingParams ?? null };
      } catch (err) {
        failed = true;
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.off("error", ignoreClientError);
        // a transaction that failed may have lost its connection: discard it rather than pool it
        client.release(failed);
      }
    });
    void deliverAlerts(pool, opts.webhookUrl, sessionId, result.alertIds, alerts);
    return { control: result.control, pendingParams: result.pendingParams };
  };

  // ends the engine like engine.run() does; its ComponentStateChanged events commit with the final meta
  const stopEngine = (): void => {
    stopEngineComponents(se);
    for (const ev of se.collector.drain().events) sessionEvents.push(fromEngineEvent(ev, se.clock.tick));
  };

  const withDbRetry = async <T>(fn: () => Promise<T>): Promise<T> => {
    // the database being briefly unreachable pauses the session; nothing is lost because the step's
    // rows stay in memory until they commit
    let wait = 250;
    const deadline = Date.now() + MAX_DB_RETRY_MS;
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof FencedError || Date.now() > deadline || opts.signal?.aborted) throw err;
        log(`session ${sessionId}: database write failed (${err instanceof Error ? err.message : String(err)}); retrying in ${wait} ms`);
        await sleep(wait, opts.signal);
        wait = Math.min(wait * 2, 5_000);
      }
    }
  };

  const pollControl = async (): Promise<void> => {
    const res = await withDbRetry(() =>
      pool.query<{ control: string | null; pendingParams: Record<string, unknown> | null }>(
        `UPDATE live_sessions SET "lastHeartbeat" = now() WHERE id = $1 AND attempt = $2 RETURNING control, "pendingParams"`,
        [sessionId, attempt],
      ),
    );
    if (res.rowCount !== 1) throw new FencedError();
    control = (res.rows[0]?.control ?? null) as SessionRow["control"];
    pendingParams = res.rows[0]?.pendingParams ?? null;
    lastBeat = Date.now();
  };

  // routes fills to the exchange, records each outcome, then reconciles the exchange position
  const mirrorToExchange = async (fills: readonly PerpFill[]): Promise<void> => {
    if (!exchange || fills.length === 0) return;
    for (const { fill, outcome } of await mirrorFills(exchange.venue, sessionId, exchange.symbol, fills)) {
      if (outcome.status === "filled") {
        sessionEvent("OrderMirrored", {
          orderId: fill.orderId,
          side: fill.side,
          amount: fill.amount,
          clientOrderId: outcome.clientOrderId,
          exchangeOrderId: outcome.orderId,
          filled: outcome.filled,
          avgPrice: outcome.avgPrice,
          attempts: outcome.attempts,
          recovered: outcome.recovered,
        });
      } else {
        sessionEvent("MirrorRejected", { orderId: fill.orderId, side: fill.side, amount: fill.amount, clientOrderId: outcome.clientOrderId, code: outcome.code, message: outcome.message, attempts: outcome.attempts }, "HIGH");
        alertsToRaise.push({ level: "warning", kind: "OrderRejected", message: `exchange refused order ${outcome.clientOrderId} (${fill.side} ${fill.amount}): ${outcome.code} ${outcome.message.slice(0, 160)}` });
      }
    }
    let reported: number;
    try {
      reported = (await exchange.venue.reportPositions())[exchange.symbol] ?? 0;
    } catch (err) {
      sessionEvent("ExchangeUnreachable", { error: err instanceof Error ? err.message.slice(0, 200) : String(err) }, "MEDIUM");
      await commitMeta();
      return;
    }
    const expected = se.engine.components.positions.ledger[exchange.perpSlot] as number;
    const ok = positionsAgree(expected, reported);
    reconciliation = {
      kind: "exchange",
      ok,
      tick: se.clock.tick,
      checkedKeys: 1,
      mismatches: ok ? [] : [{ key: `binance:${exchange.symbol}`, expected, reported }],
      equityDiff: null,
      wallTime: new Date().toISOString(),
    };
    if (!ok) {
      // new orders halt until the operator acknowledges (resume) or kills
      status = "paused";
      sessionEvent("ReconciliationFailed", { key: exchange.symbol, ledger: expected, exchange: reported }, "CRITICAL");
      alertsToRaise.push({ level: "critical", kind: "ReconciliationFailed", message: `exchange position ${reported} ${exchange.symbol} vs ledger ${expected}` });
    }
    await commitMeta({ status });
  };

  try {
    await commitMeta();
    if (exchange && resuming) {
      // fills committed before a crash but never confirmed by the exchange: send them again (same client ids)
      const { rows } = await pool.query<{ venue: string | null; payload: Record<string, string | number | boolean | null> }>(
        `SELECT e.venue, e.payload FROM live_session_events e WHERE e."sessionId" = $1 AND e.type = 'OrderFilled' AND e.venue = 'binance'
           AND NOT EXISTS (SELECT 1 FROM live_session_events m WHERE m."sessionId" = $1 AND m.type IN ('OrderMirrored', 'MirrorRejected')
                           AND m.payload->>'orderId' = e.payload->>'orderId')
         ORDER BY e.id`,
        [sessionId],
      );
      await mirrorToExchange(binancePerpFills(rows.map((r) => ({ type: "OrderFilled", venue: r.venue ?? undefined, payload: r.payload }))));
    }
    for (;;) {
      if (opts.signal?.aborted) {
        // graceful shutdown: hand the session back with a stale heartbeat so a live worker resumes it at once
        await pool.query(`UPDATE live_sessions SET "lastHeartbeat" = to_timestamp(0), "workerId" = NULL WHERE id = $1 AND attempt = $2`, [sessionId, attempt]);
        return "released";
      }
      // ---- operator controls ----
      if (control === "stop") {
        status = "stopped";
        stopEngine();
        sessionEvent("SessionStopped", { atTick: se.clock.tick, by: "operator" });
        await commitMeta({ status, clearControl: true, stopped: true });
        return "stopped";
      }
      if (control === "pause" && status !== "paused") {
        status = "paused";
        sessionEvent("SessionPaused", { atTick: se.clock.tick, by: "operator" });
        await commitMeta({ status, clearControl: true });
        control = null;
      } else if (control === "resume") {
        if (status === "paused") {
          status = "running";
          sessionEvent("SessionUnpaused", { atTick: se.clock.tick, by: "operator" });
          // resuming acknowledges a failed restart reconciliation; per-step checks take over
          if (reconciliation && !reconciliation.ok) {
            sessionEvent("ReconciliationAcknowledged", { mismatches: reconciliation.mismatches.length, equityDiff: reconciliation.equityDiff }, "MEDIUM");
            reconciliation = null;
          }
        }
        await commitMeta({ status, clearControl: true });
        control = null;
      } else if (control === "pause") {
        await commitMeta({ clearControl: true });
        control = null;
      }
      const kill = control === "kill";
      if (status === "paused" && !kill) {
        await sleep(250, opts.signal);
        await pollControl();
        continue;
      }
      // ---- parameter change: applied at this step and logged (replayed at the same tick on resume) ----
      if (pendingParams) {
        const change = pendingParams;
        pendingParams = null;
        try {
          const next = mergeLiveParams(row.mode, currentParams, change);
          applyParams(se, next);
          currentParams = { ...next };
          // applied before the next step, so the event carries that step's tick (a replay applies it there too);
          // it commits in the same transaction as that step, together with the params column
          sessionEvents.push({
            engineSeq: null,
            tick: se.clock.tick + 1,
            timeMs: Number.isFinite(se.clock.now) ? se.clock.now : row.windowStart.getTime(),
            type: "ParamsChanged",
            component: "session",
            venue: null,
            severity: "INFO",
            payload: { changed: Object.keys(change).join(","), params: next },
          });
          consumedParams = change;
        } catch (err) {
          sessionEvent("ParamsChangeRefused", { reason: err instanceof Error ? err.message : String(err) }, "LOW");
          await pool.query(`UPDATE live_sessions SET "pendingParams" = CASE WHEN "pendingParams" = $3::jsonb THEN NULL ELSE "pendingParams" END WHERE id = $1 AND attempt = $2`, [
            sessionId,
            attempt,
            JSON.stringify(change),
          ]);
        }
      }
      if (kill) {
        se.killSwitch.arm();
        sessionEvent("KillSwitchActivated", { atTick: se.clock.tick + 1, by: "operator" }, "HIGH");
      }
      await pollFeed();
      // ---- one engine step ----
      const started = Date.now();
      let more: boolean;
      try {
        more = se.engine.step();
      } catch (err) {
        const drained = se.collector.drain();
        for (const ev of drained.events) sessionEvents.push(fromEngineEvent(ev, se.clock.tick));
        const code = isEngineError(err) ? err.code : "EDS-001";
        const message = err instanceof Error ? err.message : String(err);
        status = "faulted";
        sessionEvent("SessionFaulted", { code, message }, "CRITICAL");
        alertsToRaise.push({ level: "critical", kind: "SessionFaulted", message: `${code}: ${message}` });
        await commitMeta({ status, stopped: true, error: { code, message } });
        return "faulted";
      }
      if (!more) {
        status = "stopped";
        stopEngine();
        sessionEvent("SessionCompleted", { ticks: se.clock.totalTicks });
        await commitMeta({ status, stopped: true });
        return "completed";
      }
      const { step, events } = se.collector.drain();
      if (!step) throw new Error("engine step produced no record");
      const next = await commitStep(step, events, step.stale);
      control = next.control;
      pendingParams = next.pendingParams;
      lastBeat = Date.now();
      await mirrorToExchange(binancePerpFills(events));
      if (kill) {
        status = "stopped";
        stopEngine();
        sessionEvent("SessionStopped", { atTick: se.clock.tick, by: "kill switch" });
        await commitMeta({ status, clearControl: true, stopped: true, killed: true });
        return "killed";
      }
      // ---- live risk halt: new orders stop (paused) until the operator resumes or kills ----
      if (step.equity > peakEquity) peakEquity = step.equity;
      const drawdown = peakEquity > 0 ? (peakEquity - step.equity) / peakEquity : 0;
      const dayLoss = row.shareClass === "USDT" ? dayStartEquity - step.equity : 0;
      const breached = drawdown >= riskLimits.maxDrawdown || dayLoss > riskLimits.dailyLoss;
      if (breached && riskHaltArmed && status === "running") {
        riskHaltArmed = false;
        status = "paused";
        const reason = drawdown >= riskLimits.maxDrawdown ? `drawdown ${(drawdown * 100).toFixed(2)} % ≥ ${(riskLimits.maxDrawdown * 100).toFixed(2)} %` : `daily loss ${dayLoss.toFixed(2)} > ${riskLimits.dailyLoss}`;
        sessionEvent("EmergencyStopTriggered", { drawdown, dayLoss, peakEquity, equity: step.equity, reason }, "CRITICAL");
        alertsToRaise.push({ level: "critical", kind: "EmergencyStopTriggered", message: `session halted: ${reason}; resume to continue or use the kill switch` });
        await commitMeta({ status });
      } else if (!breached) riskHaltArmed = true;
      if (opts.afterStep && !opts.afterStep(se.clock.tick)) return "released";
      // ---- pace to the replay speed, beating and polling controls while waiting ----
      // (always yields once, so a fast replay never starves the worker's event loop)
      const due = started + msPerTick;
      do {
        await sleep(Math.max(0, Math.min(due - Date.now(), 250)), opts.signal);
        if (Date.now() - lastBeat >= SESSION_HEARTBEAT_MS) await pollControl();
      } while (Date.now() < due && !opts.signal?.aborted && control === null);
    }
  } catch (err) {
    if (err instanceof FencedError) {
      log(`session ${sessionId}: fenced (another worker claimed it); stopping here`);
      return "fenced";
    }
    throw err;
  }
}

async function faultSession(pool: pg.Pool, row: SessionRow, code: string, message: string): Promise<void> {
  await pool.query(
    `UPDATE live_sessions SET status = 'faulted', "errorCode" = $3, "errorMessage" = $4, "stoppedAt" = now() WHERE id = $1 AND attempt = $2`,
    [row.id, row.attempt, code, message],
  );
  await pool.query(
    `INSERT INTO live_session_events ("sessionId", tick, "timeMs", type, component, severity, payload) VALUES ($1, $2, $3, 'SessionFaulted', 'session', 'CRITICAL', $4::jsonb)`,
    [row.id, row.checkpointTick, row.marketTime?.getTime() ?? row.windowStart.getTime(), JSON.stringify({ code, message })],
  );
  await insertAlerts(pool, row.id, [{ level: "critical", kind: "SessionFaulted", message: `${code}: ${message}` }]);
}
