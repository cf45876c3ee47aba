// Per-series coverage of a stored data set for the Data page: span, count, gaps and repairs. Uses the
// importer's quality entry when the data set has one; otherwise (synthetic, older imports) derives
// the gaps from the stored time column, so every data set gets a timeline.
import type pg from "pg";
import { z } from "zod";
import { seriesQualitySchema, QualityReport } from "../quality-report";
import { findReadyDataset } from "../store/load-dataset";
import { listDatasets, type DatasetSummary } from "../store/list-datasets";
import { decodeFloat64LE } from "../store/series-bytes";

export const coverageGapSchema = z.object({ from: z.number(), to: z.number() });

export const seriesCoverageRowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  first: z.number(),
  last: z.number(),
  count: z.number().int(),
  expectedCount: z.number().int(),
  /** missing stretches, epoch ms; both ends are missing points */
  gaps: z.array(coverageGapSchema),
  duplicatesDropped: z.number().int(),
  conflictsResolved: z.number().int(),
  outOfBounds: z.number().int(),
  repairs: z.record(z.string(), z.number()),
  source: z.string().nullable(),
  interpolated: z.boolean(),
  staleNotes: z.array(z.string()),
  /** "report" when the importer's quality entry was used, "derived" when computed from times */
  origin: z.enum(["report", "derived"]),
});
export type SeriesCoverageRow = z.infer<typeof seriesCoverageRowSchema>;

export const datasetSummaryDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  source: z.enum(["real", "synthetic", "downloaded"]),
  seed: z.number().int().nullable(),
  description: z.string().nullable(),
  createdAt: z.date(),
  coverageStart: z.date().nullable(),
  coverageEnd: z.date().nullable(),
  sizeBytes: z.number(),
  seriesCount: z.number().int(),
});
export type DatasetSummaryDto = z.infer<typeof datasetSummaryDtoSchema>;

export const datasetCoverageSchema = z.object({
  dataset: datasetSummaryDtoSchema,
  start: z.number(),
  end: z.number(),
  warnings: z.array(z.string()),
  series: z.array(seriesCoverageRowSchema),
});
export type DatasetCoverage = z.infer<typeof datasetCoverageSchema>;

export function toDatasetSummaryDto(d: DatasetSummary): DatasetSummaryDto {
  return datasetSummaryDtoSchema.parse(d);
}

/** Every ready data set version, newest first. */
export async function listDatasetSummaries(pool: pg.Pool): Promise<DatasetSummaryDto[]> {
  const all = await listDatasets(pool);
  return all.map(toDatasetSummaryDto).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.name.localeCompare(b.name));
}

/** The usual spacing of a series: the most frequent difference between consecutive times. */
export function typicalStepMs(time: Float64Array): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < time.length; i++) {
    const d = (time[i] as number) - (time[i - 1] as number);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
  return best;
}

/** Holes in a regular series: a step longer than 1.5 × the typical step is a gap of missing points. */
export function deriveGaps(time: Float64Array, stepMs = typicalStepMs(time)): { from: number; to: number }[] {
  const gaps: { from: number; to: number }[] = [];
  if (stepMs <= 0) return gaps;
  for (let i = 1; i < time.length; i++) {
    const prev = time[i - 1] as number;
    const next = time[i] as number;
    if (next - prev > 1.5 * stepMs) gaps.push({ from: prev + stepMs, to: next - stepMs });
  }
  return gaps;
}

const rowSchema = z.object({
  seriesId: z.string(),
  kind: z.string(),
  count: z.number().int(),
  firstTime: z.date(),
  lastTime: z.date(),
  time: z.instanceof(Buffer),
  quality: z.unknown(),
});

export async function getDatasetCoverage(pool: pg.Pool, name: string, version?: number): Promise<DatasetCoverage> {
  const head = await findReadyDataset(pool, name, version);
  const [{ rows }, meta, summaries] = await Promise.all([
    pool.query(`SELECT "seriesId", kind, count, "firstTime", "lastTime", time, quality FROM dataset_series WHERE "datasetId" = $1 ORDER BY "seriesId"`, [head.id]),
    pool.query(`SELECT report FROM datasets WHERE id = $1`, [head.id]),
    listDatasets(pool),
  ]);
  const summary = summaries.find((d) => d.id === head.id);
  if (!summary) throw new Error(`data set ${head.name} v${head.version} vanished while reading it`);
  const report = QualityReport.safeParse(meta.rows[0]?.report);

  const series = rows.map((raw): SeriesCoverageRow => {
    const r = rowSchema.parse(raw);
    const first = r.firstTime.getTime();
    const last = r.lastTime.getTime();
    const q = seriesQualitySchema.safeParse(r.quality);
    if (q.success) {
      return {
        id: r.seriesId,
        kind: r.kind,
        first,
        last,
        count: r.count,
        expectedCount: q.data.expectedCount,
        gaps: q.data.gaps.map((g) => ({ from: Date.parse(g.from), to: Date.parse(g.to) })),
        duplicatesDropped: q.data.duplicatesDropped,
        conflictsResolved: q.data.conflictsResolved,
        outOfBounds: q.data.outOfBounds,
        repairs: q.data.repairs,
        source: q.data.source ?? null,
        interpolated: q.data.interpolated ?? false,
        staleNotes: q.data.staleNotes ?? [],
        origin: "report",
      };
    }
    const time = decodeFloat64LE(r.time, 0, r.count);
    const step = typicalStepMs(time);
    const gaps = deriveGaps(time, step);
    return {
      id: r.seriesId,
      kind: r.kind,
      first,
      last,
      count: r.count,
      expectedCount: step > 0 ? Math.round((last - first) / step) + 1 : r.count,
      gaps,
      duplicatesDropped: 0,
      conflictsResolved: 0,
      outOfBounds: 0,
      repairs: {},
      source: null,
      interpolated: false,
      staleNotes: [],
      origin: "derived",
    };
  });

  const start = Math.min(...series.map((s) => s.first));
  const end = Math.max(...series.map((s) => s.last));
  return {
    dataset: toDatasetSummaryDto(summary),
    start: Number.isFinite(start) ? start : 0,
    end: Number.isFinite(end) ? end : 0,
    warnings: report.success ? report.data.warnings : [],
    series,
  };
}
