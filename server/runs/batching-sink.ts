// The engine-side half of the results sink: flattens each step into a Float64Array batch (the engine
// reuses its StepRecord) and hands over full batches with their events, so the writer can COPY a
// batch per transaction. Plain TS: it runs inside the engine thread and in the bench.
import { flattenStepRecord, STEP_COLUMN_COUNT, type EngineEvent, type ResultsSink, type StepRecord } from "../engine/types";

export interface ResultBatch {
  /** Index of the batch's first step within the run (0-based). */
  firstStep: number;
  rows: number;
  /** rows × STEP_COLUMN_COUNT values, row-major in STEP_COLUMNS order; NaN = not applicable. */
  steps: Float64Array;
  events: EngineEvent[];
  /** Steps handed over so far (including this batch) and the run's total, when known. */
  done: number;
  total: number | null;
}

export interface BatchingSink extends ResultsSink {
  /** Hands over whatever is buffered (call once after the engine returns). */
  flush(): void;
}

export const DEFAULT_BATCH_ROWS = 5_000;
const MAX_EVENTS_PER_BATCH = 5_000;

export function createBatchingSink(onBatch: (batch: ResultBatch) => void, batchRows = DEFAULT_BATCH_ROWS): BatchingSink {
  let buf = new Float64Array(batchRows * STEP_COLUMN_COUNT);
  let rows = 0;
  let firstStep = 0;
  let events: EngineEvent[] = [];
  let total: number | null = null;

  const flush = () => {
    if (rows === 0 && events.length === 0) return;
    const batch: ResultBatch = { firstStep, rows, steps: rows === batchRows ? buf : buf.slice(0, rows * STEP_COLUMN_COUNT), events, done: firstStep + rows, total };
    firstStep += rows;
    rows = 0;
    events = [];
    // a fresh buffer: the handed-over one may be transferred to another thread
    buf = new Float64Array(batchRows * STEP_COLUMN_COUNT);
    onBatch(batch);
  };

  return {
    onStep(rec: Readonly<StepRecord>) {
      flattenStepRecord(rec, buf, rows * STEP_COLUMN_COUNT);
      rows++;
      if (rows === batchRows) flush();
    },
    onEvent(ev: EngineEvent) {
      // events are immutable values; keep a plain copy (the payload may be a reused object)
      events.push({ ...ev, payload: { ...ev.payload } });
      if (events.length >= MAX_EVENTS_PER_BATCH) flush();
    },
    onProgress(_done: number, t: number) {
      total = t;
    },
    flush,
  };
}
