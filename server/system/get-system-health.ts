// The system status the home page, `system.health` and `GET /api/health` all report: database
// (kind, version, migrations), data sets, job queue and workers.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { z } from "zod";
import { getEnv } from "../env";
import { getPool } from "../db/pool";
import { BOSS_SCHEMA } from "../jobs/queue";
import packageJson from "../../package.json" with { type: "json" };

export const WORKER_STALE_MS = 20_000;

export const systemHealthSchema = z.object({
  ok: z.boolean(),
  reasons: z.array(z.string()),
  appVersion: z.string(),
  checkedAt: z.string(),
  database: z.object({
    connected: z.boolean(),
    kind: z.enum(["embedded", "external"]),
    version: z.string().nullable(),
    error: z.string().nullable(),
  }),
  migrations: z.object({ applied: z.number(), pending: z.array(z.string()), failed: z.array(z.string()) }),
  datasets: z.array(z.object({ name: z.string(), version: z.number(), source: z.string(), createdAt: z.string() })),
  queue: z.object({
    installed: z.boolean(),
    queued: z.number(),
    active: z.number(),
    workers: z.number(),
    lastWorkerSeen: z.string().nullable(),
  }),
});
export type SystemHealth = z.infer<typeof systemHealthSchema>;

function migrationNamesOnDisk(): string[] {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** `pool`/`kind` default to the process's own; tests pass others (e.g. an unreachable server). */
export async function getSystemHealth(opts: { pool?: pg.Pool; kind?: "embedded" | "external" } = {}): Promise<SystemHealth> {
  const kind = opts.kind ?? getEnv().DATABASE_KIND;
  const reasons: string[] = [];
  const health: SystemHealth = {
    ok: false,
    reasons,
    appVersion: packageJson.version,
    checkedAt: new Date().toISOString(),
    database: { connected: false, kind, version: null, error: null },
    migrations: { applied: 0, pending: [], failed: [] },
    datasets: [],
    queue: { installed: false, queued: 0, active: 0, workers: 0, lastWorkerSeen: null },
  };
  let client;
  try {
    client = await (opts.pool ?? getPool()).connect();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    health.database.error = e.code ? `${e.code}: ${e.message}` : String(e.message ?? err);
    reasons.push(`database unreachable: ${health.database.error}`);
    return health;
  }
  let failed = false;
  try {
    const version = await client.query<{ server_version: string }>("SHOW server_version");
    health.database.connected = true;
    health.database.version = `PostgreSQL ${version.rows[0]?.server_version ?? "?"}`;

    const migrations = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
    ).catch(() => ({ rows: [] }));
    const applied = new Set(migrations.rows.filter((m) => m.finished_at && !m.rolled_back_at).map((m) => m.migration_name));
    health.migrations.applied = applied.size;
    health.migrations.failed = migrations.rows.filter((m) => !m.finished_at && !m.rolled_back_at).map((m) => m.migration_name);
    health.migrations.pending = migrationNamesOnDisk().filter((m) => !applied.has(m));
    if (health.migrations.pending.length) reasons.push(`pending migrations: ${health.migrations.pending.join(", ")}`);
    if (health.migrations.failed.length) reasons.push(`failed migrations: ${health.migrations.failed.join(", ")}`);

    if (health.migrations.applied > 0) {
      const datasets = await client.query<{ name: string; version: number; source: string; createdAt: Date }>(
        `SELECT name, version, source, "createdAt" FROM datasets WHERE status = 'ready' ORDER BY "createdAt" DESC LIMIT 50`,
      );
      health.datasets = datasets.rows.map((d) => ({ name: d.name, version: d.version, source: d.source, createdAt: d.createdAt.toISOString() }));
      const workers = await client.query<{ n: string; last: Date | null }>(
        `SELECT count(*) FILTER (WHERE "lastSeen" > now() - make_interval(secs => $1)) AS n, max("lastSeen") AS last FROM worker_heartbeats`,
        [WORKER_STALE_MS / 1000],
      );
      health.queue.workers = Number(workers.rows[0]?.n ?? 0);
      health.queue.lastWorkerSeen = workers.rows[0]?.last?.toISOString() ?? null;
    }
    const boss = await client.query<{ exists: boolean }>("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'job') AS exists", [BOSS_SCHEMA]);
    health.queue.installed = boss.rows[0]?.exists ?? false;
    if (health.queue.installed) {
      const counts = await client.query<{ state: string; n: string }>(`SELECT state, count(*) AS n FROM ${BOSS_SCHEMA}.job WHERE state IN ('created', 'retry', 'active') GROUP BY state`);
      for (const row of counts.rows) {
        if (row.state === "active") health.queue.active += Number(row.n);
        else health.queue.queued += Number(row.n);
      }
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A pooled connection the server has just dropped fails on its first query: that is the
    // database being unreachable, not a failing health query.
    if (!health.database.connected) {
      health.database.error = message;
      reasons.push(`database unreachable: ${message}`);
    } else reasons.push(`health query failed: ${message}`);
    failed = true;
  } finally {
    client.release(failed ? true : undefined);
  }
  health.ok = health.database.connected && reasons.length === 0;
  return health;
}
