// Sweep benchmark: N btc_basis configs over the full synthetic period on W worker processes against
// a throw-away database; the clock starts when the sweep is created (workers already up and idle).
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { parseEnv } from "../env";
import { migrateDatabase, prepareDatabase, withDatabaseName } from "../db/prepare-database";

export interface SweepBenchResult {
  runs: number;
  workers: number;
  seconds: number;
  runsPerSecond: number;
}

async function waitForWorkers(pool: pg.Pool, n: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM worker_heartbeats WHERE "lastSeen" > now() - interval '20 seconds'`);
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${n} workers did not come up within ${timeoutMs / 1000} s`);
}

export async function benchSweep(opts: { runs?: number; workers?: number; log?: (line: string) => void } = {}): Promise<SweepBenchResult> {
  const runs = opts.runs ?? 1000;
  const workers = opts.workers ?? 2;
  const log = opts.log ?? (() => undefined);
  const env = parseEnv(process.env);
  const server = await prepareDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_PG_PORT, migrate: false, log });
  const name = `basislab_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabaseName(server.url, name);
  const children: ChildProcess[] = [];
  try {
    await migrateDatabase(url);
    process.env.DATABASE_URL = url;
    const { runStartupSeeds } = await import("../startup/run-startup-seeds");
    await runStartupSeeds(url, log);
    const { getPool, closePool } = await import("../db/pool");
    const { stopBoss } = await import("../jobs/queue");
    const { createSweep } = await import("../sweeps/create-sweep");
    const { rangeValues } = await import("../sweeps/sweep-axes");
    const pool = getPool();
    for (let i = 0; i < workers; i++) {
      children.push(spawn("node_modules/.bin/tsx", ["server/jobs/worker-main.ts"], { env: { ...process.env, DATABASE_URL: url, WORKER_CONCURRENCY: "1" }, stdio: ["ignore", "ignore", "inherit"] }));
    }
    await waitForWorkers(pool, workers, 60_000);
    // Distinct valid configs: margin target × delta drift (both satisfy the schema's orderings).
    const drifts = [0.01, 0.015, 0.02, 0.03, 0.04];
    const targets = rangeValues(0.3, 0.3 + (Math.ceil(runs / drifts.length) - 1) * 0.01, 0.01);
    const started = performance.now();
    const created = await createSweep(pool, {
      mode: "btc_basis", datasetName: "synthetic", start: "2024-01-01", end: "2025-09-30", capital: 100_000, params: {},
      axes: [{ key: "marginRatioTarget", values: targets }, { key: "maxDeltaDrift", values: drifts }], maxRuns: targets.length * drifts.length,
    });
    log(`sweep of ${created.total} configs in ${created.jobs} jobs on ${workers} workers`);
    for (;;) {
      const { rows } = await pool.query<{ status: string; done: number; failed: number }>(`SELECT status, done, failed FROM sweeps WHERE id = $1`, [created.id]);
      const s = rows[0];
      if (s && s.status !== "queued" && s.status !== "running") {
        if (s.failed > 0) throw new Error(`${s.failed} configs failed`);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    await stopBoss();
    await closePool();
    const result = { runs: created.total, workers, seconds, runsPerSecond: created.total / seconds };
    log(`${result.runs} btc_basis configs (full synthetic period) on ${workers} workers: ${seconds.toFixed(2)} s, ${result.runsPerSecond.toFixed(1)} runs/s (goal: < 10 s, ratio to goal ${(seconds / 10).toFixed(2)})`);
    return result;
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
    const drop = new pg.Client({ connectionString: server.serverUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await drop.end();
    await server.stop();
  }
}
