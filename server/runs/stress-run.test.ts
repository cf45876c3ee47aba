// Integration tests of backtest.stress's service against the per-run PostgreSQL: a finished basis
// run shocked −50 % liquidates (or not) exactly as the CLI's --stress says, with the same numbers as
// calling the engine's runStress directly; bad scenarios come back as a field error.
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBacktestCommand } from "../cli/backtest";
import { closePool, getPool } from "../db/pool";
import { runStress } from "../engine/stress/run-stress";
import { parseStressScenario } from "../engine/stress/scenarios";
import { AppError } from "../errors";
import { stopBoss } from "../jobs/queue";
import { saveDataset } from "../market-data/store";
import type { MarketData } from "../market-data/series";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { createRun } from "./create-run";
import { executeRun } from "./execute-run";
import { exportRun } from "./export-run";
import { workerIdOf } from "./recover-stale-runs";
import { MAX_STRESS_POINTS, stressRun } from "./stress-run";

const me = workerIdOf(os.hostname(), process.pid);
let setName = "";
let data: MarketData;
let runId = "";

beforeAll(async () => {
  data = generateSyntheticData({ seed: 11, end: "2024-01-21T00:00:00Z" });
  setName = `stress-${randomUUID().slice(0, 8)}`;
  await saveDataset(getPool(), { name: setName, source: "synthetic", data });
  const created = await createRun({ mode: "btc_basis", datasetName: setName, start: "2024-01-01", end: "2024-01-20", capital: 100_000 });
  expect(await executeRun(created.id, { pool: getPool(), workerId: me })).toBe("succeeded");
  runId = created.id;
}, 120_000);

afterAll(async () => {
  await stopBoss();
  await closePool();
});

describe("stressRun", () => {
  it("price −50 % on a basis run: same verdict and numbers as the CLI and as runStress directly", async () => {
    const dto = await stressRun({ runId, scenario: "price:-50" });

    // independent 1: the engine called directly with the stored config
    const { rows } = await getPool().query(`SELECT config FROM runs WHERE id = $1`, [runId]);
    const direct = runStress(
      { mode: "btc_basis", params: rows[0]?.config, data, start: Date.parse("2024-01-01T00:00:00Z"), end: Date.parse("2024-01-20T00:00:00Z"), capital: 100_000 },
      parseStressScenario("price:-50"),
    ).stress;
    expect(dto.liquidated).toBe(direct.liquidated);
    expect(dto.firstLiquidationStep).toBe(direct.firstLiquidationStep);
    expect(dto.liquidations).toEqual(direct.liquidations);
    expect(dto.loss).toBe(direct.loss);
    expect(dto.table).toEqual(direct.table.map((r) => ({ metric: r.metric, baseline: Number.isFinite(r.baseline) ? r.baseline : null, shocked: Number.isFinite(r.shocked) ? r.shocked : null })));

    // independent 2: the CLI re-running the exported config with --stress
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "stress-config-")), "config.json");
    writeFileSync(file, (await exportRun(runId, "config")).body as string);
    let out = "";
    const code = await runBacktestCommand(["--config", file, "--stress", "price:-50", "--json"], { out: (t) => ((out += t), true), err: () => true });
    expect(code).toBe(0);
    const cli = (JSON.parse(out) as { stress: { liquidated: boolean; firstLiquidationStep: number | null; loss: number; shockStep: number } }).stress;
    expect(dto.liquidated).toBe(cli.liquidated);
    expect(dto.firstLiquidationStep).toBe(cli.firstLiquidationStep);
    expect(dto.loss).toBe(cli.loss);
    expect(dto.shockStep).toBe(cli.shockStep);

    // paths: thinned under the cap, time increasing, shocked equity ends at the table's final equity
    const n = dto.path.time.length;
    expect(n).toBeGreaterThan(2);
    expect(n).toBeLessThanOrEqual(MAX_STRESS_POINTS);
    for (let i = 1; i < n; i++) expect(dto.path.time[i]).toBeGreaterThan(dto.path.time[i - 1] as number);
    expect([dto.path.equity.length, dto.path.baselineEquity.length, dto.path.healthFactor.length, dto.path.marginRatio.length]).toEqual([n, n, n, n]);
  });

  it("a −50 % shock hurts more than a −10 % one (or equally when neither liquidates)", async () => {
    const small = await stressRun({ runId, scenario: "price:-10" });
    const big = await stressRun({ runId, scenario: "price:-50" });
    if (small.liquidated) expect(big.liquidated).toBe(true);
    const minMr = (d: typeof big) => d.table.find((r) => r.metric === "minMarginRatio")?.shocked ?? null;
    if (minMr(small) !== null && minMr(big) !== null) expect(minMr(big) as number).toBeLessThanOrEqual(minMr(small) as number);
  });

  it("refuses an unparsable scenario with a field error, and an unknown run as NOT_FOUND", async () => {
    const err = (await stressRun({ runId, scenario: "price:abc" }).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.fieldErrors?.scenario?.[0]).toMatch(/expected/);
    const late = (await stressRun({ runId, scenario: "price:-10@2025-01-01" }).catch((e: unknown) => e)) as AppError;
    expect(late.fieldErrors?.scenario?.[0]).toMatch(/inside the window/);
    const missing = (await stressRun({ runId: randomUUID(), scenario: "price:-10" }).catch((e: unknown) => e)) as AppError;
    expect(missing.code).toBe("NOT_FOUND");
  });
});
