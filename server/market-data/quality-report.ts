// The data-quality report of an import: per series coverage, gaps and every repair applied.

import { z } from "zod";

/** A run of missing timestamps on the series' expected grid (both ends are missing points). */
export const gapSchema = z.object({ from: z.string(), to: z.string() });

export const seriesQualitySchema = z.object({
  firstTime: z.string(),
  lastTime: z.string(),
  count: z.number().int().nonnegative(),
  /** Points on the expected grid from first to last time (equals count for irregular series). */
  expectedCount: z.number().int().nonnegative(),
  gaps: z.array(gapSchema),
  duplicatesDropped: z.number().int().nonnegative(),
  conflictsResolved: z.number().int().nonnegative(),
  /** Values outside the kind's sane bounds (kept, not dropped: they are reported for review). */
  outOfBounds: z.number().int().nonnegative(),
  /** Named repair function → how many rows it changed, dropped or reordered. */
  repairs: z.record(z.string(), z.number()),
  /** Where a consumer reading inside a gap gets a stale value, and since when. */
  staleNotes: z.array(z.string()).optional(),
  /** Source file, relative to the imported directory. */
  source: z.string().optional(),
  /** True when the source file holds interpolated (derived) values rather than observations. */
  interpolated: z.boolean().optional(),
});
export type SeriesQuality = z.infer<typeof seriesQualitySchema>;

/** What happened to each file of the directory (series emitted, or why none). */
export const fileQualitySchema = z.object({
  kind: z.string(),
  rows: z.number().int().nonnegative(),
  series: z.array(z.string()),
  note: z.string().optional(),
});
export type FileQuality = z.infer<typeof fileQualitySchema>;

export const QualityReport = z.object({
  generatedAt: z.string().optional(),
  warnings: z.array(z.string()),
  series: z.record(z.string(), seriesQualitySchema),
  files: z.record(z.string(), fileQualitySchema).optional(),
});
export type QualityReport = z.infer<typeof QualityReport>;
/** Alias following the repo's `xxxSchema` naming. */
export const qualityReportSchema = QualityReport;
