// Event logger: immutable, past-tense, sequence-numbered events stamped with clock time; kept with
// the run's results, forwarded to the sink, and optionally streamed as JSON Lines while the run goes.
import { EngineComponent } from "../core/component";
import type { EngineEvent, EventPayloadValue, EventSeverity, ResultsSink } from "../types";

export class EventLogger extends EngineComponent {
  private seq = 0;
  readonly events: EngineEvent[] = [];
  private readonly sink: ResultsSink | null;
  private readonly writeLine: ((line: string) => void) | null;

  constructor(sink: ResultsSink | null, writeLine: ((line: string) => void) | null) {
    super("event-logger");
    this.sink = sink;
    this.writeLine = writeLine;
  }

  get count(): number {
    return this.seq;
  }

  emit(
    time: number,
    type: string,
    component: string,
    payload: Readonly<Record<string, EventPayloadValue>>,
    severity?: EventSeverity,
    venue?: string,
  ): EngineEvent {
    const ev: EngineEvent = Object.freeze({
      seq: ++this.seq,
      time,
      type,
      component,
      ...(venue !== undefined ? { venue } : {}),
      ...(severity !== undefined ? { severity } : {}),
      payload: Object.freeze({ ...payload }),
    });
    this.events.push(ev);
    this.sink?.onEvent(ev);
    this.writeLine?.(formatEventJsonLine(ev));
    return ev;
  }
}

/** One event as a JSON Lines record (no trailing newline). */
export function formatEventJsonLine(ev: EngineEvent): string {
  return JSON.stringify({ ...ev, time: new Date(ev.time).toISOString() });
}

const csvCell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The event log as CSV: seq,time,type,component,venue,severity,payload (payload as JSON). */
export function formatEventsCsv(events: readonly EngineEvent[]): string {
  const lines = ["seq,time,type,component,venue,severity,payload"];
  for (const ev of events) {
    lines.push(
      [String(ev.seq), new Date(ev.time).toISOString(), ev.type, ev.component, ev.venue ?? "", ev.severity ?? "", JSON.stringify(ev.payload)]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}
