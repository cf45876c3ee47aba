// compareRuns against real PostgreSQL: runs with stored steps, checked against independent sums.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { compareRuns, compareToCsv } from "./compare-runs";

const HOUR = 3_600_000;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

async function insertRun(opts: { source: string; start: number; steps: number; capital: number; growth: number; funding: number; config: object; apy: number; status?: string }): Promise<string> {
  const datasetId = randomUUID();
  await pool.query(
    `INSERT INTO datasets (id, name, version, source, status, "createdAt", "sizeBytes", report) VALUES ($1, $2, 1, $3, 'ready', now(), 0, '{}'::jsonb)`,
    [datasetId, `ds-${datasetId.slice(0, 8)}`, opts.source],
  );
  const runId = randomUUID();
  await pool.query(
    `INSERT INTO runs (id, name, mode, "datasetId", "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, "shareClass", config, "engineVersion", status, summary)
     VALUES ($1, $2, 'btc_basis', $3, $4, 1, $5, $6, $7, $8, 'USDT', $9, 'test', $10, $11)`,
    [runId, `run ${opts.apy}`, datasetId, `ds-${datasetId.slice(0, 8)}`, opts.source, new Date(opts.start), new Date(opts.start + (opts.steps - 1) * HOUR), opts.capital,
      JSON.stringify(opts.config), opts.status ?? "succeeded", JSON.stringify({ metrics: { apy: opts.apy, maxDrawdown: opts.apy / 10, sharpe: null } })],
  );
  for (let i = 0; i < opts.steps; i++) {
    // equity dips at step 2 to create a drawdown
    const equity = opts.capital * (1 + opts.growth * i) * (i === 2 ? 0.9 : 1);
    await pool.query(`INSERT INTO run_steps (run_id, step, time_ms, equity, attr_funding, margin_ratio_binance, margin_ratio_okx) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      runId, i, opts.start + i * HOUR, equity, opts.funding * (i + 1), 0.5 - i * 0.01, 0.4,
    ]);
  }
  return runId;
}

describe("compareRuns", () => {
  const t0 = Date.UTC(2024, 0, 1);
  let a = "";
  let b = "";
  let c = "";
  let queued = "";
  beforeAll(async () => {
    a = await insertRun({ source: "synthetic", start: t0, steps: 5, capital: 100_000, growth: 0.01, funding: 1, config: { hedgeVenues: { binance: 0.4 }, leverage: 1 }, apy: 0.08 });
    b = await insertRun({ source: "real", start: t0 + 2 * HOUR, steps: 5, capital: 50_000, growth: 0.02, funding: 2, config: { hedgeVenues: { binance: 0.5 }, leverage: 1 }, apy: 0.12 });
    c = await insertRun({ source: "real", start: t0 + 48 * HOUR, steps: 3, capital: 10_000, growth: 0, funding: 0, config: { hedgeVenues: { binance: 0.5 }, leverage: 2 }, apy: 0.05 });
    queued = await insertRun({ source: "real", start: t0, steps: 1, capital: 1, growth: 0, funding: 0, config: {}, apy: 0, status: "queued" });
  });
  afterAll(() => pool.end());

  it("highlights the best value per metric and differences to the baseline", async () => {
    const r = await compareRuns(pool, { runIds: [a, b, c], baselineId: a });
    const apy = r.metrics.find((m) => m.def.key === "apy");
    expect(apy?.values).toEqual([0.08, 0.12, 0.05]);
    expect(apy?.best).toBe(1);
    expect(apy?.diffToBaseline.map((d) => (d === null ? null : Number(d.toFixed(10))))).toEqual([0, 0.04, -0.03]);
    const dd = r.metrics.find((m) => m.def.key === "maxDrawdown");
    expect(dd?.best).toBe(2); // lower is better
    expect(r.metrics.find((m) => m.def.key === "sharpe")?.best).toBeNull();
  });

  it("diffs only the parameters that differ and warns about synthetic vs real data", async () => {
    const r = await compareRuns(pool, { runIds: [a, b, c] });
    expect(r.configDiff.rows.map((row) => row.key).sort()).toEqual(["hedgeVenues.binance", "leverage"]);
    expect(r.configDiff.warnings.join(" ")).toMatch(/synthetic/);
  });

  it("normalises equity to 100, derives drawdown and cumulative attribution, aligns on calendar time", async () => {
    const r = await compareRuns(pool, { runIds: [a, b] });
    const x = r.table.x;
    expect(x[0]).toBe(t0);
    expect(x).toHaveLength(7); // union of hours t0..t0+6h
    const eqA = r.table.columns[`${a}:equity100`] ?? [];
    const eqB = r.table.columns[`${b}:equity100`] ?? [];
    expect(eqA[0]).toBeCloseTo(100, 10);
    expect(eqA[1]).toBeCloseTo(101, 10);
    expect(eqB[0]).toBeNull(); // b starts 2 h later: no extrapolation
    expect(eqB[2]).toBeCloseTo(100, 10);
    // drawdown at b's dip: 1 - 0.9*1.04/1.02
    expect(r.table.columns[`${b}:drawdown`]?.[4]).toBeCloseTo(1 - (0.9 * 1.04) / 1.02, 10);
    // cumulative funding of a: 1+2+3 after three steps
    expect(r.table.columns[`${a}:cum_funding`]?.[2]).toBeCloseTo(6, 10);
    expect(r.table.columns[`${a}:minMarginRatio`]?.[1]).toBeCloseTo(0.4, 10);
  });

  it("aligns on days since start when asked", async () => {
    const r = await compareRuns(pool, { runIds: [a, c], align: "sinceStart" });
    expect(r.table.x[0]).toBe(0);
    expect(r.table.columns[`${c}:equity100`]?.[0]).toBeCloseTo(100, 10);
    expect(r.table.columns[`${a}:equity100`]?.[0]).toBeCloseTo(100, 10);
    expect(r.table.x).toHaveLength(5);
  });

  it("exports CSV with the metrics table and the aligned series", async () => {
    const csv = compareToCsv(await compareRuns(pool, { runIds: [a, b], full: true }));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^metric,/);
    expect(lines.some((l) => l.startsWith("apy,0.08,0.12"))).toBe(true);
    expect(lines.some((l) => l.startsWith(`time,${a}:equity100`))).toBe(true);
  });

  it("refuses unknown, unfinished or too few runs with typed errors", async () => {
    await expect(compareRuns(pool, { runIds: [a] })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(compareRuns(pool, { runIds: [a, randomUUID()] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(compareRuns(pool, { runIds: [a, queued] })).rejects.toBeInstanceOf(AppError);
    await expect(compareRuns(pool, { runIds: [a, queued] })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
