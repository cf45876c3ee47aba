// A sweep end to end against real PostgreSQL: create (validation, grid, batching), run the batches
// as a worker would, and check every stored summary against an independent direct backtest.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePool, getPool } from "../db/pool";
import { stopBoss } from "../jobs/queue";
import { runBacktest } from "../engine/run-backtest";
import { loadDatasetByName } from "../market-data/store";
import { ensureSyntheticDataset } from "../startup/seed-synthetic";
import { AppError } from "../errors";
import { windowEndMs, windowStartMs } from "../runs/run-schemas";
import { createSweep } from "./create-sweep";
import { cancelSweep, getSweep } from "./get-sweep";
import { runSweepBatch } from "./run-sweep-batch";
import { parseAxisSpec } from "./sweep-axes";

const DATASET = "sweep-test";
const base = { mode: "btc_basis" as const, datasetName: DATASET, start: "2024-01-02", end: "2024-01-20", capital: 100_000, params: {} };

describe("sweeps", () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = getPool();
    await ensureSyntheticDataset(pool, { name: DATASET, end: "2024-01-31T23:00:00Z" });
  });
  afterAll(async () => {
    await stopBoss();
    await closePool();
  });

  it("runs a 2-D grid in batches and stores summaries equal to direct backtests", async () => {
    const axes = [parseAxisSpec("marginRatioTarget=0.6:1:0.2"), parseAxisSpec("maxDeltaDrift=0.01,0.03")];
    const created = await createSweep(pool, { ...base, axes }, { batchSize: 4 });
    expect(created.total).toBe(6);
    expect(created.jobs).toBe(2);
    await runSweepBatch(pool, created.id, 0, 4);
    let view = await getSweep(pool, created.id);
    expect(view.status).toBe("running");
    expect(view.done).toBe(4);
    await runSweepBatch(pool, created.id, 4, 6);
    await runSweepBatch(pool, created.id, 0, 4); // a retried batch changes nothing
    view = await getSweep(pool, created.id);
    expect(view).toMatchObject({ status: "succeeded", done: 6, failed: 0, total: 6 });
    expect(view.results.map((r) => r.point)).toEqual([[0.6, 0.01], [0.6, 0.03], [0.8, 0.01], [0.8, 0.03], [1, 0.01], [1, 0.03]]);

    const data = await loadDatasetByName(pool, DATASET);
    for (const r of [view.results[0], view.results[5]]) {
      if (!r) throw new Error("missing result");
      const direct = runBacktest({
        mode: "btc_basis", data, capital: 100_000, start: windowStartMs(base.start), end: windowEndMs(base.end),
        params: { marginRatioTarget: r.point[0], maxDeltaDrift: r.point[1] },
      });
      expect(r.apy).toBe(direct.metrics.apy);
      expect(r.totalReturn).toBe(direct.metrics.totalReturn);
    }
  });

  it("refuses grids over the cap, invalid points and windows outside the data, storing nothing", async () => {
    const before = (await pool.query("SELECT count(*)::int AS n FROM sweeps")).rows[0].n as number;
    await expect(createSweep(pool, { ...base, axes: [parseAxisSpec("marginRatioTarget=0.5:3:0.01")], maxRuns: 100 })).rejects.toThrow(/cap is 100/);
    const bad = createSweep(pool, { ...base, axes: [parseAxisSpec("maxDeltaDrift=0.01,0.06")] });
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(createSweep(pool, { ...base, axes: [parseAxisSpec("maxDeltaDrift=0.01,0.06")] })).rejects.toThrow(/at maxDeltaDrift=0.06: maxDeltaDrift need/);
    await expect(createSweep(pool, { ...base, end: "2024-03-01", axes: [parseAxisSpec("maxDeltaDrift=0.01")] })).rejects.toMatchObject({ fieldErrors: { end: [expect.stringMatching(/coverage/)] } });
    const after = (await pool.query("SELECT count(*)::int AS n FROM sweeps")).rows[0].n as number;
    expect(after).toBe(before);
  });

  it("a cancelled sweep runs no further batches", async () => {
    const created = await createSweep(pool, { ...base, axes: [parseAxisSpec("maxDeltaDrift=0.01,0.02")] }, { batchSize: 1 });
    await cancelSweep(pool, created.id);
    await runSweepBatch(pool, created.id, 0, 1);
    const view = await getSweep(pool, created.id);
    expect(view.status).toBe("cancelled");
    expect(view.done).toBe(0);
  });
});
