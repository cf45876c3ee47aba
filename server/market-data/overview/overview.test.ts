// Data page services against a real (per-run) database: coverage with gaps, thinned charts, and the
// generate/import tasks writing progress to data_tasks.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closePool, getPool } from "../../db/pool";
import { AppError } from "../../errors";
import type { MarketData, Series } from "../series";
import { saveDataset } from "../store/save-dataset";
import { createDataTask, findDataTask } from "./data-tasks";
import { buildDatasetCharts, getDatasetCharts, MAX_POINTS_PER_CHART } from "./get-dataset-charts";
import { deriveGaps, getDatasetCoverage, listDatasetSummaries, typicalStepMs } from "./get-dataset-coverage";
import { runGenerateSyntheticTask, runImportDirectoryTask } from "./run-data-tasks";
import { resolveImportDirectory } from "./start-data-tasks";

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

afterAll(async () => {
  await closePool();
});

function hourly(id: string, kind: Series["kind"], hours: number[], fields: Record<string, (i: number) => number>): Series {
  const time = Float64Array.from(hours, (h) => T0 + h * H);
  return { id, kind, time, fields: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, Float64Array.from(hours, (_, i) => f(i))])) };
}

describe("deriveGaps", () => {
  it("finds the missing stretch of an hourly series (both ends missing points)", () => {
    const time = Float64Array.from([0, 1, 2, 6, 7, 9], (h) => T0 + h * H);
    expect(typicalStepMs(time)).toBe(H);
    expect(deriveGaps(time)).toEqual([
      { from: T0 + 3 * H, to: T0 + 5 * H },
      { from: T0 + 8 * H, to: T0 + 8 * H },
    ]);
  });
  it("reports nothing for a regular series", () => {
    expect(deriveGaps(Float64Array.from([0, 8, 16, 24], (h) => T0 + h * H))).toEqual([]);
  });
});

describe("buildDatasetCharts", () => {
  it("thins every chart to at most MAX_POINTS_PER_CHART points and annualises funding", () => {
    const n = 15_000;
    const hours = Array.from({ length: n }, (_, i) => i);
    const series: Series[] = [
      hourly("spot:binance:BTCUSDT", "spot", hours, { open: () => 1, high: () => 1, low: () => 1, close: (i) => 40_000 + i, volume: () => 1 }),
      hourly("perp:binance:BTCUSDT", "perp", hours, { open: () => 1, high: () => 1, low: () => 1, close: (i) => 40_001 + i, volume: () => 1 }),
      hourly("perp:binance:ETHUSDT:1m", "perp", hours, { open: () => 1, high: () => 1, low: () => 1, close: () => 1, volume: () => 1 }),
      { id: "funding:binance:BTCUSDT", kind: "funding", time: Float64Array.from({ length: 100 }, (_, i) => T0 + i * 8 * H), fields: { rate: new Float64Array(100).fill(0.0001) } },
    ];
    const charts = buildDatasetCharts(series);
    expect(charts.map((c) => c.key)).toEqual(["funding", "prices-BTCUSDT"]);
    for (const c of charts) expect(c.lines.reduce((a, l) => a + l.points.length, 0)).toBeLessThanOrEqual(MAX_POINTS_PER_CHART);
    // 0.0001 per 8 h = 0.0001 × 1095 = 10.95 %/yr
    expect(charts[0]?.lines[0]?.points[0]?.v).toBeCloseTo(10.95, 10);
    const prices = charts[1];
    expect(prices?.lines.map((l) => l.label)).toEqual(["spot:binance", "perp:binance"]);
    expect(prices?.lines[0]?.points[0]).toEqual({ t: T0, v: 40_000 });
    expect(prices?.lines[0]?.points.at(-1)).toEqual({ t: T0 + (n - 1) * H, v: 40_000 + n - 1 });
  });
});

describe("coverage and charts of a stored data set", () => {
  it("derives gaps when no report is stored, and lists the data set", async () => {
    const pool = getPool();
    const name = `cov-${process.pid}`;
    const hours = [0, 1, 2, 3, 10, 11, 12];
    const data: MarketData = {
      name,
      version: 0,
      source: "synthetic",
      series: new Map([
        ["spot:binance:BTCUSDT", hourly("spot:binance:BTCUSDT", "spot", hours, { open: () => 10, high: () => 11, low: () => 9, close: (i) => 10 + i, volume: () => 1 })],
        ["aave:USDT", hourly("aave:USDT", "aave", [0, 1, 2], { liquidityIndex: () => 1.01, variableBorrowIndex: () => 1.02, supplyApr: () => 0.05, borrowApr: () => 0.07, oraclePriceUsd: () => 1 })],
      ]),
    };
    await saveDataset(pool, { name, source: "synthetic", seed: 1, data });
    const cov = await getDatasetCoverage(pool, name);
    expect(cov.dataset.source).toBe("synthetic");
    expect(cov.start).toBe(T0);
    expect(cov.end).toBe(T0 + 12 * H);
    const spot = cov.series.find((s) => s.id === "spot:binance:BTCUSDT");
    expect(spot).toMatchObject({ count: 7, expectedCount: 13, origin: "derived", gaps: [{ from: T0 + 4 * H, to: T0 + 9 * H }] });
    const charts = await getDatasetCharts(pool, name);
    expect(charts.charts.find((c) => c.key === "aave")?.lines.map((l) => l.label)).toEqual(["USDT supply", "USDT borrow"]);
    expect((await listDatasetSummaries(pool)).some((d) => d.name === name && d.seriesCount === 2)).toBe(true);
  });

  it("uses the importer's quality entry when the data set has a report", async () => {
    const pool = getPool();
    const taskId = (await createDataTask(pool, "import-directory", {})).id;
    const dir = path.join(import.meta.dirname, "../import/fixtures/mini-data");
    await runImportDirectoryTask(pool, { taskId, dir, name: `imp-${process.pid}` });
    const task = await findDataTask(pool, taskId);
    expect(task?.error).toBeNull();
    expect(task).toMatchObject({ status: "done", progress: 1, datasetName: `imp-${process.pid}`, datasetVersion: 1 });
    const cov = await getDatasetCoverage(pool, `imp-${process.pid}`);
    expect(cov.dataset.source).toBe("real");
    const spot = cov.series.find((s) => s.id === "spot:binance:BTCUSDT");
    expect(spot?.origin).toBe("report");
    // the fixture skips 02:00 and 03:00
    expect(spot?.gaps).toEqual([{ from: T0 + 2 * H, to: T0 + 3 * H }]);
  });
});

describe("data tasks", () => {
  it("generates a short synthetic data set and records progress to done", async () => {
    const pool = getPool();
    const taskId = (await createDataTask(pool, "generate-synthetic", { seed: 7 })).id;
    await runGenerateSyntheticTask(pool, { taskId, seed: 7, name: `syn-${process.pid}`, days: 3 });
    const task = await findDataTask(pool, taskId);
    expect(task).toMatchObject({ status: "done", progress: 1, datasetName: `syn-${process.pid}`, datasetVersion: 1, error: null });
    const cov = await getDatasetCoverage(pool, `syn-${process.pid}`);
    expect(cov.dataset).toMatchObject({ source: "synthetic", seed: 7 });
    expect(cov.series.find((s) => s.id === "spot:binance:BTCUSDT")?.count).toBe(72);
  });

  it("records a failed import on the task instead of throwing", async () => {
    const pool = getPool();
    const taskId = (await createDataTask(pool, "import-directory", {})).id;
    await runImportDirectoryTask(pool, { taskId, dir: "/nonexistent/dir", name: "never" });
    expect(await findDataTask(pool, taskId)).toMatchObject({ status: "failed" });
  });

  it("refuses a missing directory with a field error for the form", async () => {
    const err = await resolveImportDirectory("/nonexistent/basis-lab-dir").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors?.path?.[0]).toContain("directory not found");
  });
});
