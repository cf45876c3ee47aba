// Integration tests of a CSV-signal directional run through the launch and the worker pipeline
// against the per-run PostgreSQL: the CSV is stored with the run, reaches the engine (same summary
// as runBacktest called directly with the text), and signalSource csv without a file is refused.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePool, getPool } from "../db/pool";
import { runBacktestWithDetails } from "../engine/run-backtest";
import { AppError } from "../errors";
import { stopBoss } from "../jobs/queue";
import type { MarketData } from "../market-data/series";
import { saveDataset } from "../market-data/store";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { createRun } from "./create-run";
import { executeRun } from "./execute-run";
import { exportRun } from "./export-run";
import { workerIdOf } from "./recover-stale-runs";

const me = workerIdOf(os.hostname(), process.pid);
const CSV = ["timestamp,signal,confidence,sd", "2024-01-01T00:00:00Z,long,0.8,0.02", "2024-01-02T00:00:00Z,short,0.6,0.02", "2024-01-03T00:00:00Z,neutral,,"].join("\n");
const mode = "ml_btc_directional_usdt_margin" as const;
let setName = "";
let data: MarketData;

beforeAll(async () => {
  data = generateSyntheticData({ seed: 5, end: "2024-01-06T00:00:00Z" });
  setName = `signal-${randomUUID().slice(0, 8)}`;
  await saveDataset(getPool(), { name: setName, source: "synthetic", data });
});

afterAll(async () => {
  await stopBoss();
  await closePool();
});

describe("csv-signal runs", () => {
  const base = { mode, start: "2024-01-01", end: "2024-01-05", capital: 100_000 };

  it("stores the CSV, the worker hands it to the engine: same summary as runBacktest with the text", async () => {
    const created = await createRun({ ...base, datasetName: setName, params: { signalSource: "csv" }, signalCsv: CSV });
    const stored = await getPool().query(`SELECT "signalCsv", config FROM runs WHERE id = $1`, [created.id]);
    expect(stored.rows[0]?.signalCsv).toBe(CSV);
    expect(await executeRun(created.id, { pool: getPool(), workerId: me })).toBe("succeeded");
    const { rows } = await getPool().query(`SELECT status, summary FROM runs WHERE id = $1`, [created.id]);
    expect(rows[0]?.status).toBe("succeeded");
    const direct = runBacktestWithDetails({
      mode,
      params: stored.rows[0]?.config,
      data,
      start: Date.parse("2024-01-01T00:00:00Z"),
      end: Date.parse("2024-01-05T00:00:00Z"),
      capital: 100_000,
      signalCsv: CSV,
    });
    const summary = rows[0]?.summary as { finalEquity: number; events: number };
    expect(summary.finalEquity).toBe(direct.summary.finalEquity);
    expect(summary.events).toBe(direct.summary.events);
    // the config export says the re-run needs the CSV
    expect(JSON.parse((await exportRun(created.id, "config")).body as string).note).toMatch(/--signal-csv/);
    // the signal moved the book: a short after a long means at least two fills
    expect(direct.events.filter((e) => e.type === "OrderFilled").length).toBeGreaterThanOrEqual(2);
  });

  it("refuses signalSource csv without a file, and a malformed file, on the signalCsv field", async () => {
    const none = (await createRun({ ...base, datasetName: setName, params: { signalSource: "csv" } }).catch((e: unknown) => e)) as AppError;
    expect(none).toBeInstanceOf(AppError);
    expect(none.fieldErrors?.signalCsv?.[0]).toMatch(/needs a signal CSV/);
    const bad = (await createRun({ ...base, datasetName: setName, params: { signalSource: "csv" }, signalCsv: "time,value\n1,2" }).catch((e: unknown) => e)) as AppError;
    expect(bad.fieldErrors?.signalCsv?.[0]).toMatch(/timestamp and signal/);
  });

  it("ignores a CSV sent with the moving-average signal (nothing stored)", async () => {
    const created = await createRun({ ...base, datasetName: setName, signalCsv: CSV });
    const { rows } = await getPool().query(`SELECT "signalCsv" FROM runs WHERE id = $1`, [created.id]);
    expect(rows[0]?.signalCsv).toBeNull();
  });
});
