// The worker: consumes every registered job off pg-boss, away from the web server's event loop, and
// keeps a heartbeat row so the health check can tell whether anyone is consuming the queue.
import os from "node:os";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { getPool } from "../db/pool";
import { ALL_JOBS } from "./all-jobs";
import { ensureQueue, getBoss, stopBoss } from "./queue";

const HEARTBEAT_MS = 5_000;

export interface RunningWorker {
  id: string;
  stop: () => Promise<void>;
}

async function beat(id: string, startedAt: Date): Promise<void> {
  await getPool().query(
    `INSERT INTO worker_heartbeats (id, pid, host, "startedAt", "lastSeen") VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (id) DO UPDATE SET "lastSeen" = now()`,
    [id, process.pid, os.hostname(), startedAt],
  );
}

export async function startWorker(opts: { concurrency: number; log: (line: string) => void }): Promise<RunningWorker> {
  const id = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const startedAt = new Date();
  const controller = new AbortController();
  const boss: PgBoss = await getBoss();
  for (const job of ALL_JOBS) {
    await ensureQueue(boss, job);
    for (let i = 0; i < opts.concurrency; i++) {
      await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const j of jobs) {
          const payload = job.payload.parse(j.data);
          await job.handle(payload, { jobId: j.id, signal: controller.signal });
        }
      });
    }
  }
  await beat(id, startedAt);
  for (const job of ALL_JOBS) {
    await job.onWorkerStart?.({ signal: controller.signal, log: opts.log }).catch((err: Error) => opts.log(`${job.name} start hook failed: ${err.message}`));
  }
  const timer = setInterval(() => {
    beat(id, startedAt).catch((err: Error) => opts.log(`heartbeat failed: ${err.message}`));
  }, HEARTBEAT_MS);
  opts.log(`worker ${id} consuming ${ALL_JOBS.map((j) => j.name).join(", ")} (concurrency ${opts.concurrency})`);
  return {
    id,
    stop: async () => {
      clearInterval(timer);
      controller.abort();
      await stopBoss();
      await getPool().query("DELETE FROM worker_heartbeats WHERE id = $1", [id]).catch(() => undefined);
    },
  };
}
