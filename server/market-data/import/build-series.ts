// Turns repaired rows into one canonical columnar Series plus its quality-report entry.

import type { Series, SeriesKind } from "../series";
import type { SeriesQuality } from "../quality-report";
import { DataImportError } from "./import-errors";
import { toIsoUtc } from "./parse-timestamp";
import type { RawRows } from "./raw-rows";
import {
  assertStrictlyIncreasing,
  countOutOfBounds,
  dropExactDuplicates,
  expectedGridCount,
  findGaps,
  sortRowsByTime,
  type FieldBounds,
} from "./repairs";

export interface SeriesSpec {
  readonly id: string;
  readonly kind: SeriesKind;
  /** Source file relative to the imported directory. */
  readonly source: string;
  /** Expected spacing; gaps and expectedCount are computed on this grid. Omit for irregular series. */
  readonly stepMs?: number;
  readonly bounds?: FieldBounds;
  readonly interpolated?: boolean;
  /** Prices: inside a gap a consumer only has a stale as-of value; the report says since when. */
  readonly staleInGaps?: boolean;
  /** Repairs the parser already applied (name → rows touched). */
  readonly repairs?: Readonly<Record<string, number>>;
  /** Resolves conflicting (same time, different content) rows; returns how many were resolved. */
  readonly resolveConflicts?: (rows: RawRows) => number;
  readonly resolverName?: string;
}

export interface BuiltSeries {
  readonly series: Series;
  readonly quality: SeriesQuality;
}

/** Sorts, de-duplicates, resolves conflicts, checks, and packs rows into Float64Arrays. */
export function buildSeries(rows: RawRows, spec: SeriesSpec): BuiltSeries {
  const repairs: Record<string, number> = { ...spec.repairs };
  const outOfOrder = sortRowsByTime(rows);
  if (outOfOrder > 0) repairs.sortRowsByTime = outOfOrder;
  const duplicatesDropped = dropExactDuplicates(rows);
  if (duplicatesDropped > 0) repairs.dropExactDuplicates = duplicatesDropped;
  let conflictsResolved = 0;
  if (spec.resolveConflicts) {
    conflictsResolved = spec.resolveConflicts(rows);
    if (conflictsResolved > 0) repairs[spec.resolverName ?? "resolveConflicts"] = conflictsResolved;
  }
  assertStrictlyIncreasing(rows);
  const n = rows.time.length;
  if (n === 0) throw new DataImportError(rows.file, `no data rows for ${spec.id}`);

  const time = Float64Array.from(rows.time);
  const fields: Record<string, Float64Array> = {};
  rows.fieldNames.forEach((name, f) => {
    const col = Float64Array.from(rows.values[f] as number[]);
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(col[i])) throw new DataImportError(rows.file, `${spec.id}.${name} is not finite at ${toIsoUtc(time[i] as number)}`);
    fields[name] = col;
  });

  const gaps = spec.stepMs ? findGaps(time, spec.stepMs) : [];
  const quality: SeriesQuality = {
    firstTime: toIsoUtc(time[0] as number),
    lastTime: toIsoUtc(time[n - 1] as number),
    count: n,
    expectedCount: spec.stepMs ? expectedGridCount(time, spec.stepMs) : n,
    gaps: gaps.map((g) => ({ from: toIsoUtc(g.fromMs), to: toIsoUtc(g.toMs) })),
    duplicatesDropped,
    conflictsResolved,
    outOfBounds: spec.bounds ? countOutOfBounds(fields, spec.bounds) : 0,
    repairs,
    source: spec.source,
    ...(spec.interpolated ? { interpolated: true } : {}),
  };
  if (spec.staleInGaps && gaps.length > 0) {
    quality.staleNotes = gaps.map(
      (g) => `no bars ${toIsoUtc(g.fromMs)} … ${toIsoUtc(g.toMs)}: an as-of read there returns the bar of ${toIsoUtc((g.fromMs - (spec.stepMs ?? 0)))} (stale since then); not filled`,
    );
  }
  return { series: { id: spec.id, kind: spec.kind, time, fields }, quality };
}
