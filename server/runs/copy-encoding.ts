// Encodes result batches for PostgreSQL COPY: steps in the binary format (no float → text
// formatting, the bulk of the cost) and events in the text format (JSON payloads).
import { STEP_COLUMNS, STEP_COLUMN_COUNT, type EngineEvent } from "../engine/types";
import type { ResultBatch } from "./batching-sink";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Column list of run_steps in the order the encoders write. */
export const RUN_STEP_COPY_COLUMNS = ["run_id", "step", ...STEP_COLUMNS] as const;
export const RUN_EVENT_COPY_COLUMNS = ["run_id", "seq", "time_ms", "type", "component", "venue", "severity", "payload"] as const;

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(hex, "hex");
}

const FIELDS = 2 + STEP_COLUMN_COUNT;
const ROW_BYTES = 2 + (4 + 16) + (4 + 4) + STEP_COLUMN_COUNT * (4 + 8);

/**
 * One COPY … (FORMAT binary) payload for `rows` steps of `steps` (row-major STEP_COLUMNS, NaN →
 * NULL), numbered from `firstStep`. `time_ms` is never NULL. Written through one DataView (no
 * per-value Buffer method calls): this runs once per stored step.
 */
export function encodeStepRowsBinary(runId: string, firstStep: number, steps: Float64Array, rows: number): Buffer {
  const id = uuidBytes(runId);
  const out = Buffer.allocUnsafe(SIGNATURE.length + 8 + rows * ROW_BYTES + 2);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = SIGNATURE.copy(out, 0);
  view.setInt32(o, 0);
  view.setInt32(o + 4, 0);
  o += 8;
  for (let r = 0; r < rows; r++) {
    view.setInt16(o, FIELDS);
    view.setInt32(o + 2, 16);
    out.set(id, o + 6);
    view.setInt32(o + 22, 4);
    view.setInt32(o + 26, firstStep + r);
    o += 30;
    const base = r * STEP_COLUMN_COUNT;
    for (let c = 0; c < STEP_COLUMN_COUNT; c++) {
      const v = steps[base + c] as number;
      if (v !== v) {
        view.setInt32(o, -1);
        o += 4;
      } else {
        view.setInt32(o, 8);
        view.setFloat64(o + 4, v);
        o += 12;
      }
    }
  }
  view.setInt16(o, -1);
  o += 2;
  return o === out.length ? out : out.subarray(0, o);
}

/** Escapes a value for COPY's text format (backslash, tab, newline, carriage return). */
export function escapeCopyText(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (ch) => (ch === "\\" ? "\\\\" : ch === "\t" ? "\\t" : ch === "\n" ? "\\n" : "\\r"));
}

/** One COPY … (FORMAT text) payload for `events`. Non-finite payload numbers become JSON null. */
export function encodeEventsText(runId: string, events: readonly EngineEvent[]): string {
  let out = "";
  for (const ev of events) {
    const payload = escapeCopyText(JSON.stringify(ev.payload));
    const venue = ev.venue === undefined ? "\\N" : escapeCopyText(ev.venue);
    const severity = ev.severity === undefined ? "\\N" : ev.severity;
    out += `${runId}\t${ev.seq}\t${ev.time}\t${escapeCopyText(ev.type)}\t${escapeCopyText(ev.component)}\t${venue}\t${severity}\t${payload}\n`;
  }
  return out;
}

/** A batch encoded for COPY (encode as soon as it arrives, so encoding overlaps earlier writes). */
export interface EncodedBatch {
  done: number;
  total: number | null;
  eventCount: number;
  /** binary COPY payload of the steps (a Uint8Array after crossing threads) */
  steps: Uint8Array | null;
  events: string | null;
}

export function encodeBatch(runId: string, batch: ResultBatch): EncodedBatch {
  return {
    done: batch.done,
    total: batch.total,
    eventCount: batch.events.length,
    steps: batch.rows > 0 ? encodeStepRowsBinary(runId, batch.firstStep, batch.steps, batch.rows) : null,
    events: batch.events.length > 0 ? encodeEventsText(runId, batch.events) : null,
  };
}

