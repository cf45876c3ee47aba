// Benchmark: loading a whole data set from PostgreSQL into the engine's arrays (goal: every series of
// the real data in under 1 s). Stores throwaway copies of the synthetic data set and, when
// ../shared/data is present, of the imported real data, times repeated loads, then deletes them.
//
// Called by the bench dispatcher (server/bench/main.ts):
//   const r = await benchDataLoad({ pool: getPool(), log: console.log });
//   // r.loadSeconds: median seconds to load all series of the real data (synthetic when absent)
// or alone: `npx tsx server/bench/data-load.ts` (uses DATABASE_URL).
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { MarketData } from "../market-data/series";
import { loadDatasetById, saveDataset } from "../market-data/store";
import { generateSyntheticData } from "../market-data/synthetic/generate";

/** The issue's target for loading all series of the real data. */
export const DATA_LOAD_GOAL_SECONDS = 1;

export interface BenchDataLoadOptions {
  pool: pg.Pool;
  /** directory of raw real files; default ../shared/data (relative to the working directory); null skips it */
  realDataDir?: string | null;
  /** timed loads per data set (the median is reported); default 5 */
  repeats?: number;
  log?: (line: string) => void;
}

export interface DataLoadMeasurement {
  dataset: "synthetic" | "real";
  series: number;
  /** timestamps over all series */
  points: number;
  /** float64 values loaded (timestamps + fields) */
  values: number;
  bytes: number;
  /** seconds to read and parse the raw directory (real data only) */
  importSeconds: number | null;
  /** seconds to store it with saveDataset (COPY) */
  saveSeconds: number;
  /** median and fastest of `repeats` full loads */
  loadSeconds: number;
  loadSecondsMin: number;
  valuesPerSecond: number;
}

export interface DataLoadBenchResult {
  /** the headline: the real data when present, else the synthetic data set */
  dataset: "synthetic" | "real";
  series: number;
  points: number;
  loadSeconds: number;
  goalSeconds: number;
  meetsGoal: boolean;
  /** every data set measured (synthetic always, real when its directory exists) */
  runs: DataLoadMeasurement[];
}

const seconds = (fromMs: number): number => (performance.now() - fromMs) / 1000;

function sizeOf(data: MarketData): { series: number; points: number; values: number } {
  let points = 0;
  let values = 0;
  for (const s of data.series.values()) {
    points += s.time.length;
    values += s.time.length * (1 + Object.keys(s.fields).length);
  }
  return { series: data.series.size, points, values };
}

async function measure(
  pool: pg.Pool,
  dataset: "synthetic" | "real",
  data: MarketData,
  importSeconds: number | null,
  repeats: number,
  log: (line: string) => void,
): Promise<DataLoadMeasurement> {
  const name = `bench-${dataset}-${randomUUID().slice(0, 8)}`;
  const t0 = performance.now();
  const saved = await saveDataset(pool, { name, source: dataset === "real" ? "real" : "synthetic", description: "temporary data set of npm run bench", data });
  const saveSeconds = seconds(t0);
  try {
    const times: number[] = [];
    let loaded: MarketData | null = null;
    // one untimed warm-up so the first timed run does not pay for connection set-up and cold caches
    await loadDatasetById(pool, saved.id);
    for (let i = 0; i < repeats; i++) {
      const t = performance.now();
      loaded = await loadDatasetById(pool, saved.id);
      times.push(seconds(t));
    }
    const size = sizeOf(loaded ?? data);
    if (size.points !== sizeOf(data).points) throw new Error(`bench ${name}: loaded ${size.points} points, stored ${sizeOf(data).points}`);
    times.sort((a, b) => a - b);
    const loadSeconds = times[Math.floor(times.length / 2)] as number;
    const m: DataLoadMeasurement = {
      dataset,
      ...size,
      bytes: size.values * 8,
      importSeconds,
      saveSeconds,
      loadSeconds,
      loadSecondsMin: times[0] as number,
      valuesPerSecond: size.values / loadSeconds,
    };
    log(
      `data-load ${dataset}: ${m.series} series, ${m.points.toLocaleString("en-US")} points, ${(m.bytes / 1e6).toFixed(1)} MB` +
        `${importSeconds !== null ? `; import ${importSeconds.toFixed(2)} s` : ""}; save ${saveSeconds.toFixed(2)} s; ` +
        `load ${loadSeconds.toFixed(3)} s median (min ${m.loadSecondsMin.toFixed(3)} s, ${(m.valuesPerSecond / 1e6).toFixed(1)} M values/s)`,
    );
    return m;
  } finally {
    await pool.query(`DELETE FROM datasets WHERE id = $1`, [saved.id]);
  }
}

export async function benchDataLoad(opts: BenchDataLoadOptions): Promise<DataLoadBenchResult> {
  const log = opts.log ?? (() => undefined);
  const repeats = Math.max(1, opts.repeats ?? 5);
  const runs: DataLoadMeasurement[] = [];
  runs.push(await measure(opts.pool, "synthetic", generateSyntheticData(), null, repeats, log));

  const realDir = opts.realDataDir === undefined ? path.resolve("../shared/data") : opts.realDataDir;
  if (realDir !== null && existsSync(realDir)) {
    const { loadDirectory } = await import("../market-data/import/load-directory");
    const t0 = performance.now();
    const { data } = await loadDirectory(realDir);
    runs.push(await measure(opts.pool, "real", data, seconds(t0), repeats, log));
  } else {
    log(`data-load real: skipped (${realDir ?? "no directory"} not present)`);
  }

  const headline = runs.find((r) => r.dataset === "real") ?? (runs[0] as DataLoadMeasurement);
  return {
    dataset: headline.dataset,
    series: headline.series,
    points: headline.points,
    loadSeconds: headline.loadSeconds,
    goalSeconds: DATA_LOAD_GOAL_SECONDS,
    meetsGoal: headline.loadSeconds < DATA_LOAD_GOAL_SECONDS,
    runs,
  };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write("set DATABASE_URL to run this benchmark alone (npm run bench sets up the database)\n");
    process.exitCode = 2;
    return;
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const r = await benchDataLoad({ pool, log: (l) => process.stdout.write(`${l}\n`) });
    process.stdout.write(
      `data-load: all ${r.series} ${r.dataset} series in ${r.loadSeconds.toFixed(3)} s (goal < ${r.goalSeconds} s: ${r.meetsGoal ? "met" : "NOT met"})\n`,
    );
  } finally {
    await pool.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
