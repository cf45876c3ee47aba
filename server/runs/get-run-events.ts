// getRunEvents: one page of a run's event log, optionally filtered by type and severity, with the
// distinct types present (for the filter).
import { z } from "zod";
import { getPool } from "../db/pool";
import { runEventDtoSchema, runEventsInputSchema, type RunEventsInput, type RunEventsPage } from "./run-schemas";

export async function getRunEvents(raw: RunEventsInput): Promise<RunEventsPage> {
  const input = runEventsInputSchema.parse(raw);
  const pool = getPool();
  const where = [`run_id = $1`];
  const args: unknown[] = [input.runId];
  if (input.type) {
    args.push(input.type);
    where.push(`type = $${args.length}`);
  }
  if (input.severity) {
    args.push(input.severity);
    where.push(`severity = $${args.length}`);
  }
  const cond = where.join(" AND ");
  const [count, page, types] = await Promise.all([
    pool.query(`SELECT count(*)::int AS n FROM run_events WHERE ${cond}`, args),
    pool.query(
      `SELECT seq, time_ms AS time, type, component, venue, severity, payload FROM run_events WHERE ${cond} ORDER BY seq LIMIT ${input.pageSize} OFFSET ${input.page * input.pageSize}`,
      args,
    ),
    pool.query(`SELECT DISTINCT type FROM run_events WHERE run_id = $1 ORDER BY type`, [input.runId]),
  ]);
  return {
    total: z.number().parse(count.rows[0]?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
    types: types.rows.map((r) => String(r.type)),
    events: page.rows.map((r) => runEventDtoSchema.parse(r)),
  };
}
