// Data set metadata for lists and reports: every ready version with its size and series count, and
// one version's stored quality report with per-series coverage.
import type pg from "pg";
import { z } from "zod";
import { findReadyDataset } from "./load-dataset";

const summarySchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  source: z.enum(["real", "synthetic", "downloaded"]),
  seed: z.number().int().nullable(),
  description: z.string().nullable(),
  createdAt: z.date(),
  coverageStart: z.date().nullable(),
  coverageEnd: z.date().nullable(),
  sizeBytes: z.coerce.number(),
  seriesCount: z.coerce.number().int(),
});
export type DatasetSummary = z.infer<typeof summarySchema>;

/** Every ready data set version, newest name-version first within each name, names sorted. */
export async function listDatasets(pool: pg.Pool): Promise<DatasetSummary[]> {
  const { rows } = await pool.query(
    `SELECT d.id, d.name, d.version, d.source, d.seed, d.description, d."createdAt", d."coverageStart", d."coverageEnd",
            d."sizeBytes", (SELECT count(*) FROM dataset_series s WHERE s."datasetId" = d.id) AS "seriesCount"
     FROM datasets d WHERE d.status = 'ready' ORDER BY d.name, d.version DESC`,
  );
  return rows.map((r) => summarySchema.parse(r));
}

const seriesCoverageSchema = z.object({
  seriesId: z.string(),
  kind: z.string(),
  fields: z.array(z.string()),
  count: z.number().int(),
  firstTime: z.date(),
  lastTime: z.date(),
  quality: z.unknown(),
});
export type SeriesCoverage = z.infer<typeof seriesCoverageSchema>;

export interface DatasetReport {
  dataset: DatasetSummary;
  /**
   * The data-quality report as stored (null for data sets saved without one, e.g. synthetic). It
   * comes from whichever importer version wrote it: parse it with the quality-report schema.
   */
  report: unknown;
  series: SeriesCoverage[];
}

/** The stored quality report and per-series coverage of `name` (latest ready version by default). */
export async function getDatasetReport(pool: pg.Pool, name: string, version?: number): Promise<DatasetReport> {
  const head = await findReadyDataset(pool, name, version);
  const [meta, series] = await Promise.all([
    pool.query(
      `SELECT d.id, d.name, d.version, d.source, d.seed, d.description, d."createdAt", d."coverageStart", d."coverageEnd",
              d."sizeBytes", d.report, (SELECT count(*) FROM dataset_series s WHERE s."datasetId" = d.id) AS "seriesCount"
       FROM datasets d WHERE d.id = $1`,
      [head.id],
    ),
    pool.query(
      `SELECT "seriesId", kind, fields, count, "firstTime", "lastTime", quality FROM dataset_series
       WHERE "datasetId" = $1 ORDER BY "seriesId"`,
      [head.id],
    ),
  ]);
  const row = z.object({ report: z.unknown() }).loose().parse(meta.rows[0]);
  return {
    dataset: summarySchema.parse(row),
    report: row.report ?? null,
    series: series.rows.map((r) => seriesCoverageSchema.parse(r)),
  };
}
