// Encodes result batches for PostgreSQL COPY: steps in the binary format (no float → text
// formatting, the bulk of the cost) and events in the text format (JSON payloads).
import { STEP_COLUMNS, STEP_COLUMN_COUNT, type EngineEvent } from "../engine/types";

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
 * NULL), numbered from `firstStep`. `time_ms` is never NULL.
 */
export function encodeStepRowsBinary(runId: string, firstStep: number, steps: Float64Array, rows: number): Buffer {
  const id = uuidBytes(runId);
  const out = Buffer.allocUnsafe(SIGNATURE.length + 8 + rows * ROW_BYTES + 2);
  let o = SIGNATURE.copy(out, 0);
  o = out.writeInt32BE(0, o);
  o = out.writeInt32BE(0, o);
  for (let r = 0; r < rows; r++) {
    o = out.writeInt16BE(FIELDS, o);
    o = out.writeInt32BE(16, o);
    o += id.copy(out, o);
    o = out.writeInt32BE(4, o);
    o = out.writeInt32BE(firstStep + r, o);
    const base = r * STEP_COLUMN_COUNT;
    for (let c = 0; c < STEP_COLUMN_COUNT; c++) {
      const v = steps[base + c] as number;
      if (Number.isNaN(v)) {
        o = out.writeInt32BE(-1, o);
      } else {
        o = out.writeInt32BE(8, o);
        o = out.writeDoubleBE(v, o);
      }
    }
  }
  o = out.writeInt16BE(-1, o);
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
