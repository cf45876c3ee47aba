// Test helper: a results sink that keeps every step as a flat row and every event.
import { flattenStepRecord, STEP_COLUMN_COUNT, STEP_COLUMNS, type EngineEvent, type ResultsSink, type StepColumn, type StepRecord } from "../types";

export class CollectingSink implements ResultsSink {
  readonly rows: Float64Array[] = [];
  readonly events: EngineEvent[] = [];
  onStep(rec: Readonly<StepRecord>): void {
    this.rows.push(flattenStepRecord(rec, new Float64Array(STEP_COLUMN_COUNT)));
  }
  onEvent(ev: EngineEvent): void {
    this.events.push(ev);
  }
  /** One column over all steps. */
  column(name: StepColumn): Float64Array {
    const c = STEP_COLUMNS.indexOf(name);
    return Float64Array.from(this.rows, (r) => r[c] as number);
  }
}
