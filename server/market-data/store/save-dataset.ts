// Stores a MarketData as a new immutable version of a named data set: one transaction (the version
// number, the datasets row and every series row), series written with COPY, status importing →
// ready. Any failure rolls the whole transaction back, so a failed import leaves nothing behind.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import copyStreams from "pg-copy-streams";
import { z } from "zod";
import type { DatasetSource, MarketData, Series } from "../series";
import { DatasetInvalidError } from "./dataset-errors";
import { DATASET_NAME_PATTERN, DATASET_NAME_RULE, DATASET_NAME_LOCK_NAMESPACE } from "./dataset-names";
import { encodeFloat64LE } from "./series-bytes";
import { storedFieldsOf, validateMarketData } from "./validate-market-data";

export interface SaveDatasetInput {
  name: string;
  source: DatasetSource;
  seed?: number;
  description?: string;
  data: MarketData;
  /** data-quality report (server/market-data/quality-report.ts); stored as JSON */
  report?: unknown;
  /** called as series rows are handed to COPY: (series written, series total) */
  onProgress?: (done: number, total: number) => void;
}

export interface SavedDataset {
  id: string;
  name: string;
  version: number;
}

const metaSchema = z.object({
  name: z.string().regex(DATASET_NAME_PATTERN, DATASET_NAME_RULE),
  source: z.enum(["real", "synthetic", "downloaded"]),
  seed: z.number().int().min(-2147483648).max(2147483647).optional(),
  description: z.string().max(2000).optional(),
});

/** Escapes a value for PostgreSQL's text COPY format (backslash, and the row/column separators). */
function copyText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
}

/** A text[] literal with every element quoted, so no name can break the array syntax. */
function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

const perSeriesReportSchema = z.object({
  series: z.union([
    z.record(z.string(), z.unknown()),
    z.array(z.looseObject({ id: z.string().optional(), seriesId: z.string().optional() })),
  ]),
});

/**
 * The report's entry for one series, when the report has one (`series` keyed by id, or an array of
 * entries with `id`/`seriesId`); stored next to the series so a coverage view needs no report parse.
 */
function qualityFor(report: unknown, seriesId: string): unknown {
  const parsed = perSeriesReportSchema.safeParse(report);
  if (!parsed.success) return null;
  const { series } = parsed.data;
  if (Array.isArray(series)) return series.find((e) => e.id === seriesId || e.seriesId === seriesId) ?? null;
  return series[seriesId] ?? null;
}

interface EncodedSeries {
  row: string;
  bytes: number;
}

function encodeSeriesRow(datasetId: string, s: Series, quality: unknown): EncodedSeries {
  const fields = storedFieldsOf(s);
  const time = encodeFloat64LE([s.time]);
  const data = encodeFloat64LE(fields.map((f) => s.fields[f] as Float64Array));
  const n = s.time.length;
  const cols = [
    datasetId,
    copyText(s.id),
    copyText(s.kind),
    copyText(textArrayLiteral(fields)),
    String(n),
    new Date(s.time[0] as number).toISOString(),
    new Date(s.time[n - 1] as number).toISOString(),
    // bytea in text COPY: the hex form \x…, whose backslash COPY itself needs escaped
    `\\\\x${time.toString("hex")}`,
    `\\\\x${data.toString("hex")}`,
    copyText(JSON.stringify(quality ?? {})),
  ];
  return { row: `${cols.join("\t")}\n`, bytes: time.length + data.length };
}

/**
 * Saves on a client the caller holds (for callers that also hold a session lock on it). Runs its own
 * BEGIN … COMMIT; on failure it rolls back and rethrows, and the caller should discard the client
 * (`release(true)`) since a COPY may have been cut off mid-stream.
 */
export async function saveDatasetOnClient(client: pg.PoolClient, input: SaveDatasetInput): Promise<SavedDataset> {
  const meta = metaSchema.parse({ name: input.name, source: input.source, seed: input.seed, description: input.description });
  validateMarketData(input.data);
  const all = [...input.data.series.values()];
  let coverageStart = Infinity;
  let coverageEnd = -Infinity;
  for (const s of all) {
    coverageStart = Math.min(coverageStart, s.time[0] as number);
    coverageEnd = Math.max(coverageEnd, s.time[s.time.length - 1] as number);
  }
  let reportJson: string | null = null;
  if (input.report !== undefined) {
    reportJson = JSON.stringify(input.report);
    if (reportJson === undefined) throw new DatasetInvalidError("the quality report is not JSON-serialisable");
  }

  const id = randomUUID();
  try {
    await client.query("BEGIN");
    // Serialises saves of one name so max(version)+1 is never taken twice (the unique index would
    // otherwise turn the race into a failed import).
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [DATASET_NAME_LOCK_NAMESPACE, meta.name]);
    const next = await client.query<{ v: number }>(
      `SELECT COALESCE(MAX(version), 0) + 1 AS v FROM datasets WHERE name = $1`,
      [meta.name],
    );
    const version = z.number().int().parse(next.rows[0]?.v);
    await client.query(
      `INSERT INTO datasets (id, name, version, source, status, seed, description)
       VALUES ($1, $2, $3, $4, 'importing', $5, $6)`,
      [id, meta.name, version, meta.source, meta.seed ?? null, meta.description ?? null],
    );

    let sizeBytes = 0;
    const total = all.length;
    const onProgress = input.onProgress;
    const report = input.report;
    async function* rows(): AsyncGenerator<string> {
      onProgress?.(0, total);
      let done = 0;
      for (const s of all) {
        const enc = encodeSeriesRow(id, s, qualityFor(report, s.id));
        sizeBytes += enc.bytes;
        yield enc.row;
        done += 1;
        onProgress?.(done, total);
      }
    }
    const copy = client.query(
      copyStreams.from(
        `COPY dataset_series ("datasetId", "seriesId", kind, fields, count, "firstTime", "lastTime", time, data, quality) FROM STDIN`,
      ),
    );
    await pipeline(Readable.from(rows()), copy);

    await client.query(
      `UPDATE datasets SET status = 'ready', "coverageStart" = $2, "coverageEnd" = $3, "sizeBytes" = $4, report = $5::jsonb
       WHERE id = $1`,
      [id, new Date(coverageStart), new Date(coverageEnd), sizeBytes, reportJson],
    );
    await client.query("COMMIT");
    return { id, name: meta.name, version };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

export async function saveDataset(pool: pg.Pool, input: SaveDatasetInput): Promise<SavedDataset> {
  const client = await pool.connect();
  let failed = false;
  try {
    return await saveDatasetOnClient(client, input);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // A connection that failed mid-COPY is discarded rather than reused (closing it also rolls back).
    client.release(failed ? true : undefined);
  }
}
