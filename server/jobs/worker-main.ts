// `npm run worker`: one worker process against DATABASE_URL. Start more of them (here or on other
// machines, same DATABASE_URL) to add capacity; pg-boss hands each job to exactly one of them.
import { getEnv, EnvError } from "../env";
import { closePool, DatabaseNotConfiguredError } from "../db/pool";
import { startWorker } from "./worker";

const log = (line: string) => console.log(`[worker] ${line}`);

// pg-boss rejects internally (e.g. completing a job while the database is briefly down); the job
// then expires and is retried, so log and keep consuming rather than dying mid-batch.
process.on("unhandledRejection", (reason) => {
  log(`unhandled rejection (continuing): ${reason instanceof Error ? reason.message : String(reason)}`);
});

async function main(): Promise<void> {
  const env = getEnv();
  const worker = await startWorker({ concurrency: env.WORKER_CONCURRENCY, log });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    worker
      .stop()
      .then(closePool)
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof EnvError || err instanceof DatabaseNotConfiguredError) console.error(err.message);
  else console.error(`[worker] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
