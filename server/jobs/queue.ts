// The pg-boss queue on the application's PostgreSQL. Started lazily in the web process (to enqueue)
// and eagerly in the worker (to consume).
import PgBoss from "pg-boss";
import type { z } from "zod";
import { getDatabaseUrl } from "../db/pool";
import type { JobDefinition } from "./job-definition";

const globalForBoss = globalThis as unknown as { basisLabBoss?: Promise<PgBoss> };

export const BOSS_SCHEMA = "pgboss";

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: getDatabaseUrl(), schema: BOSS_SCHEMA, max: 4 });
  boss.on("error", (err: Error) => console.error(`[queue] ${err.message}`));
  await boss.start();
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  if (!globalForBoss.basisLabBoss) {
    const started = startBoss();
    globalForBoss.basisLabBoss = started;
    started.catch(() => {
      globalForBoss.basisLabBoss = undefined;
    });
  }
  return globalForBoss.basisLabBoss;
}

const createdQueues = new Set<string>();

export async function ensureQueue(boss: PgBoss, job: JobDefinition): Promise<void> {
  if (createdQueues.has(job.name)) return;
  await ensureQueueOn(boss, job);
  createdQueues.add(job.name);
}

/** Validates the payload against the job's schema and enqueues it; returns the job id. */
export async function enqueueJob<S extends z.ZodType>(job: JobDefinition<S>, payload: z.input<S>, opts?: { singletonKey?: string }): Promise<string> {
  const data = job.payload.parse(payload) as object;
  const boss = await getBoss();
  await ensureQueue(boss, job);
  const id = await boss.send(job.name, data, opts?.singletonKey ? { singletonKey: opts.singletonKey } : {});
  if (!id) throw new Error(`job ${job.name} was not enqueued (duplicate singleton key?)`);
  return id;
}

/**
 * Installs (or upgrades) the pg-boss schema and creates every queue, once, before any worker or web
 * process starts: several processes doing it concurrently on a new database deadlock each other.
 */
export async function installQueues(databaseUrl: string, jobs: readonly JobDefinition[]): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: BOSS_SCHEMA, max: 2, supervise: false, schedule: false });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    for (const job of jobs) await ensureQueueOn(boss, job);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

async function ensureQueueOn(boss: PgBoss, job: JobDefinition): Promise<void> {
  await boss.createQueue(job.name, {
    name: job.name,
    retryLimit: job.retryLimit ?? 2,
    retryDelay: 2,
    expireInSeconds: job.expireInSeconds ?? 15 * 60,
  });
}

export async function stopBoss(): Promise<void> {
  const started = globalForBoss.basisLabBoss;
  globalForBoss.basisLabBoss = undefined;
  if (started) await (await started).stop({ graceful: true, timeout: 10_000 });
}
