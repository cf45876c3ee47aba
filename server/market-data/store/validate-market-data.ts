// Checks a MarketData before it is stored: known kinds, the kind's fields in storage order, equal
// lengths, strictly increasing time and no NaN/Infinity. Corrupt data is refused, never stored.
import { SERIES_FIELDS, seriesKindOf, type MarketData, type Series } from "../series";
import { DatasetInvalidError } from "./dataset-errors";

/** The series' field names in storage order (SERIES_FIELDS order, optional fields only when present). */
export function storedFieldsOf(s: Series): string[] {
  return SERIES_FIELDS[s.kind].filter((f) => s.fields[f] !== undefined);
}

export function validateMarketData(data: MarketData): void {
  if (data.series.size === 0) throw new DatasetInvalidError("a data set needs at least one series");
  for (const [id, s] of data.series) {
    if (s.id !== id) throw new DatasetInvalidError(`series keyed ${id} has id ${s.id}`);
    if (seriesKindOf(id) !== s.kind) throw new DatasetInvalidError(`series ${id}: kind ${s.kind} does not match its id`);
    const known = SERIES_FIELDS[s.kind];
    for (const f of Object.keys(s.fields)) {
      if (!known.includes(f)) throw new DatasetInvalidError(`series ${id}: unknown field ${f} for kind ${s.kind} (allowed: ${known.join(", ")})`);
    }
    const fields = storedFieldsOf(s);
    if (fields.length === 0) throw new DatasetInvalidError(`series ${id}: no fields`);
    const n = s.time.length;
    if (n === 0) throw new DatasetInvalidError(`series ${id}: empty`);
    let prev = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = s.time[i] as number;
      if (!Number.isFinite(t) || !(t > prev)) {
        throw new DatasetInvalidError(`series ${id}: time must be finite and strictly increasing (row ${i})`);
      }
      prev = t;
    }
    for (const f of fields) {
      const a = s.fields[f] as Float64Array;
      if (a.length !== n) throw new DatasetInvalidError(`series ${id}: field ${f} has ${a.length} values for ${n} times`);
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(a[i])) throw new DatasetInvalidError(`series ${id}: ${f}[${i}] is not a finite number`);
      }
    }
  }
}
