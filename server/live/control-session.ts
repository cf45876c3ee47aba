// Operator controls: pause, resume, stop and kill switch are written to the session's control
// column and picked up by the worker at its next step; parameter changes are validated now
// (same zod schema as backtests, live-changeable fields only) and applied at the next step.
import type pg from "pg";
import { AppError } from "../errors";
import { mergeLiveParams } from "./merge-live-params";
import { findSessionRow } from "./session-row";
import { TERMINAL_SESSION_STATUSES, type SessionControl } from "./session-schemas";

export async function requestSessionControl(pool: pg.Pool, sessionId: string, control: SessionControl): Promise<void> {
  const row = await findSessionRow(pool, sessionId);
  if (TERMINAL_SESSION_STATUSES.includes(row.status)) throw new AppError("CONFLICT", `session is ${row.status}; start a new one`);
  if (control === "resume" && row.status !== "paused" && row.control !== "pause") throw new AppError("CONFLICT", `session is ${row.status}, not paused`);
  if (control === "pause" && row.status === "paused") throw new AppError("CONFLICT", "session is already paused");
  // stop and kill win over a pending pause/resume; a pending stop/kill is never downgraded
  const res = await pool.query(
    `UPDATE live_sessions SET control = $2 WHERE id = $1 AND status NOT IN ('stopped', 'faulted')
       AND (control IS NULL OR control IN ('pause', 'resume') OR $2 = 'kill')`,
    [sessionId, control],
  );
  if (res.rowCount !== 1) throw new AppError("CONFLICT", "a stop or kill is already pending for this session");
  await pool.query(
    `INSERT INTO live_session_events ("sessionId", tick, "timeMs", type, component, severity, payload)
     VALUES ($1, $2, $3, 'ControlRequested', 'operator', 'INFO', $4::jsonb)`,
    [sessionId, row.checkpointTick, row.marketTime?.getTime() ?? row.windowStart.getTime(), JSON.stringify({ control })],
  );
}

export async function changeSessionParams(pool: pg.Pool, sessionId: string, change: Record<string, unknown>): Promise<void> {
  const row = await findSessionRow(pool, sessionId);
  if (TERMINAL_SESSION_STATUSES.includes(row.status)) throw new AppError("CONFLICT", `session is ${row.status}; start a new one`);
  if (Object.keys(change).length === 0) throw new AppError("INVALID_INPUT", "no parameter to change");
  try {
    mergeLiveParams(row.mode, row.params, change);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const field = message.split(":")[0] ?? "params";
    throw new AppError("INVALID_INPUT", message, { [field.includes(",") || field.includes(" ") ? "params" : field]: [message] });
  }
  const merged = { ...(row.pendingParams ?? {}), ...change };
  await pool.query(`UPDATE live_sessions SET "pendingParams" = $2::jsonb WHERE id = $1`, [sessionId, JSON.stringify(merged)]);
}
