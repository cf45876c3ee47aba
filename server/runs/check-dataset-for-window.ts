// The checks every launch (run or sweep) makes up front, without loading market data: the data set
// exists and is ready, the window lies inside its coverage, and it holds every series the mode needs
// for each of the given parameter sets. Failures carry per-field messages for the form.
import type pg from "pg";
import { z } from "zod";
import type { ModeId } from "../engine/config/modes";
import { hedgeSeries, requiredSeries } from "../engine/config/required-series";
import { AppError, invalidInput } from "../errors";
import { DatasetNotFoundError, findReadyDataset } from "../market-data/store";

export interface CheckedDataset {
  id: string;
  name: string;
  version: number;
  source: string;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

export async function checkDatasetForWindow(
  pool: pg.Pool,
  opts: { datasetName: string; datasetVersion?: number; mode: ModeId; paramSets: readonly unknown[]; start: number; end: number },
): Promise<CheckedDataset> {
  let dataset;
  try {
    dataset = await findReadyDataset(pool, opts.datasetName, opts.datasetVersion);
  } catch (err) {
    if (err instanceof DatasetNotFoundError) throw invalidInput({ datasetName: [err.message] });
    throw err;
  }
  const { rows } = await pool.query(
    `SELECT d."coverageStart", d."coverageEnd", array_agg(s."seriesId") AS series
       FROM datasets d LEFT JOIN dataset_series s ON s."datasetId" = d.id WHERE d.id = $1 GROUP BY d.id`,
    [dataset.id],
  );
  const cov = z.object({ coverageStart: z.date().nullable(), coverageEnd: z.date().nullable(), series: z.array(z.string().nullable()) }).parse(rows[0]);
  const covStart = cov.coverageStart?.getTime();
  const covEnd = cov.coverageEnd?.getTime();
  const coverage = covStart !== undefined && covEnd !== undefined ? `${iso(covStart)} – ${iso(covEnd)} UTC` : "unknown";
  if (covStart !== undefined && opts.start < covStart) throw invalidInput({ start: [`before the data set's coverage (${coverage})`] });
  if (covEnd !== undefined && opts.end > covEnd) throw invalidInput({ end: [`after the data set's coverage (${coverage})`] });

  const have = new Set(cov.series.filter((s): s is string => s !== null));
  const missing = new Set<string>();
  for (const params of opts.paramSets) {
    for (const s of requiredSeries(opts.mode, params)) if (!have.has(s)) missing.add(s);
    const hedges = hedgeSeries(opts.mode, params);
    if (hedges.length > 0 && !hedges.some((h) => have.has(h.perp) && have.has(h.funding))) {
      for (const s of hedges.flatMap((h) => [h.perp, h.funding])) if (!have.has(s)) missing.add(s);
    }
  }
  if (missing.size > 0) {
    const msg = `data set ${dataset.name} v${dataset.version} lacks series the ${opts.mode} mode needs: ${[...missing].join(", ")}`;
    throw new AppError("DATA_MISSING", msg, { datasetName: [msg] });
  }
  return dataset;
}
