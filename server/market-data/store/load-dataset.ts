// Loads a stored data set back into the engine's columnar arrays: by name (latest ready version, or
// a given one) or by id. Only `ready` data sets are visible.
import type pg from "pg";
import { z } from "zod";
import { SERIES_KINDS, type MarketData, type Series } from "../series";
import { DatasetInvalidError, DatasetNotFoundError } from "./dataset-errors";
import { decodeFloat64LE } from "./series-bytes";

export interface LoadDatasetOptions {
  /** load only these series ids (unknown ids are ignored); default: every series */
  seriesIds?: readonly string[];
}

const datasetRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  source: z.enum(["real", "synthetic", "downloaded"]),
});

const seriesRowSchema = z.object({
  seriesId: z.string(),
  kind: z.enum(SERIES_KINDS),
  fields: z.array(z.string()),
  count: z.number().int().nonnegative(),
  time: z.instanceof(Buffer),
  data: z.instanceof(Buffer),
});

/** Names of the ready data sets, for "not found" messages. */
export async function listReadyDatasetNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(`SELECT DISTINCT name FROM datasets WHERE status = 'ready' ORDER BY name`);
  return rows.map((r) => r.name);
}

/** Decodes one dataset_series row into a Series (copies into fresh, aligned arrays). */
export function decodeSeriesRow(row: unknown): Series {
  const r = seriesRowSchema.parse(row);
  if (r.time.length !== r.count * 8 || r.data.length !== r.count * 8 * r.fields.length) {
    throw new DatasetInvalidError(`stored series ${r.seriesId}: ${r.time.length}+${r.data.length} bytes do not match ${r.count} rows × ${r.fields.length} fields`);
  }
  const time = decodeFloat64LE(r.time, 0, r.count);
  const fields: Record<string, Float64Array> = {};
  r.fields.forEach((f, j) => {
    fields[f] = decodeFloat64LE(r.data, j * r.count * 8, r.count);
  });
  return { id: r.seriesId, kind: r.kind, time, fields };
}

async function loadSeriesOf(pool: pg.Pool, head: z.infer<typeof datasetRowSchema>, opts: LoadDatasetOptions): Promise<MarketData> {
  const filter = opts.seriesIds !== undefined;
  const { rows } = await pool.query(
    `SELECT "seriesId", kind, fields, count, time, data FROM dataset_series
     WHERE "datasetId" = $1 ${filter ? `AND "seriesId" = ANY($2::text[])` : ""} ORDER BY "seriesId"`,
    filter ? [head.id, [...(opts.seriesIds ?? [])]] : [head.id],
  );
  const series = new Map<string, Series>();
  for (const row of rows) {
    const s = decodeSeriesRow(row);
    series.set(s.id, s);
  }
  return { name: head.name, version: head.version, source: head.source, series };
}

/** Resolves name (+ optional version) to the ready datasets row, or throws DatasetNotFoundError. */
export async function findReadyDataset(pool: pg.Pool, name: string, version?: number): Promise<z.infer<typeof datasetRowSchema>> {
  const { rows } = await pool.query(
    version === undefined
      ? `SELECT id, name, version, source FROM datasets WHERE name = $1 AND status = 'ready' ORDER BY version DESC LIMIT 1`
      : `SELECT id, name, version, source FROM datasets WHERE name = $1 AND status = 'ready' AND version = $2`,
    version === undefined ? [name] : [name, version],
  );
  if (rows.length === 0) {
    throw new DatasetNotFoundError(version === undefined ? name : `${name} v${version}`, await listReadyDatasetNames(pool));
  }
  return datasetRowSchema.parse(rows[0]);
}

/** The latest ready version of `name` (or exactly `version`), all series loaded into arrays. */
export async function loadDatasetByName(
  pool: pg.Pool,
  name: string,
  version?: number,
  opts: LoadDatasetOptions = {},
): Promise<MarketData> {
  const head = await findReadyDataset(pool, name, version);
  return loadSeriesOf(pool, head, opts);
}

export async function loadDatasetById(pool: pg.Pool, id: string, opts: LoadDatasetOptions = {}): Promise<MarketData> {
  if (!z.uuid().safeParse(id).success) throw new DatasetNotFoundError(id, await listReadyDatasetNames(pool));
  const { rows } = await pool.query(`SELECT id, name, version, source FROM datasets WHERE id = $1 AND status = 'ready'`, [id]);
  if (rows.length === 0) throw new DatasetNotFoundError(id, await listReadyDatasetNames(pool));
  return loadSeriesOf(pool, datasetRowSchema.parse(rows[0]), opts);
}
