// Exports of one run: config JSON (re-runnable with `npm run backtest -- --config`), summary JSON,
// and every step / event as CSV streamed straight out of PostgreSQL with COPY … TO STDOUT (full
// resolution, no thinning). Steps and summary exist only for succeeded runs.
import { Readable } from "node:stream";
import { to as copyTo } from "pg-copy-streams";
import { z } from "zod";
import { STEP_COLUMNS } from "../engine/types";
import { getPool } from "../db/pool";
import { AppError } from "../errors";
import { getRun } from "./get-run";

export const EXPORT_KINDS = ["config", "summary", "steps", "events"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface RunExport {
  filename: string;
  contentType: string;
  body: string | ReadableStream<Uint8Array>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Streams `COPY (query) TO STDOUT` as CSV, holding one pooled client until the stream ends. */
async function copyCsv(query: string): Promise<ReadableStream<Uint8Array>> {
  const client = await getPool().connect();
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  stream.on("end", () => release());
  stream.on("error", (err: Error) => release(err));
  stream.on("close", () => release());
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

export async function exportRun(runId: string, kind: ExportKind): Promise<RunExport> {
  if (!z.uuid().safeParse(runId).success) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  const run = await getRun(runId);
  const base = `run-${runId.slice(0, 8)}-${run.mode}`;
  if (kind === "config") {
    // the uploaded signal CSV is not part of the JSON: say the re-run needs it
    const needsCsv = (run.config as { signalSource?: unknown }).signalSource === "csv";
    const note = needsCsv ? "signalSource csv: this run used an uploaded signal CSV; re-run with --signal-csv <file>" : undefined;
    const config = { mode: run.mode, start: day(run.windowStart), end: day(run.windowEnd), capital: run.capital, dataset: run.datasetName, params: run.config, ...(note ? { note } : {}) };
    return { filename: `${base}-config.json`, contentType: "application/json", body: `${JSON.stringify(config, null, 2)}\n` };
  }
  const done = run.status === "succeeded";
  if (kind === "summary") {
    if (!done || !run.summary) throw new AppError("CONFLICT", `run ${runId} is ${run.status}: it has no summary`);
    const body = { id: run.id, name: run.name, datasetVersion: run.datasetVersion, engineVersion: run.engineVersion, ...run.summary, details: run.details };
    return { filename: `${base}-summary.json`, contentType: "application/json", body: `${JSON.stringify(body, null, 2)}\n` };
  }
  if (kind === "steps") {
    if (!done) throw new AppError("CONFLICT", `run ${runId} is ${run.status}: steps are exported once it succeeds`);
    const cols = STEP_COLUMNS.filter((c) => c !== "time_ms").join(", ");
    const query = `SELECT step, to_char(to_timestamp(time_ms / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS time, time_ms, ${cols}
      FROM run_steps WHERE run_id = '${runId}' ORDER BY step`;
    return { filename: `${base}-steps.csv`, contentType: "text/csv; charset=utf-8", body: await copyCsv(query) };
  }
  if (!done && run.status !== "failed") throw new AppError("CONFLICT", `run ${runId} is ${run.status}: events are exported once it ends`);
  const query = `SELECT seq, to_char(to_timestamp(time_ms / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS time, time_ms, type, component, venue, severity, payload::text AS payload
    FROM run_events WHERE run_id = '${runId}' ORDER BY seq`;
  return { filename: `${base}-events.csv`, contentType: "text/csv; charset=utf-8", body: await copyCsv(query) };
}
