// `npm run dev`: the same database preparation as `npm start`, then `next dev` and the worker.
import { assertPortFree, createChildren, fail, loadEnvOrExit, log, prepareDatabaseOrExit } from "./lib/launch";
import { runStartupSeeds } from "../server/startup/run-startup-seeds";
import { StartupError } from "../server/db/embedded-postgres";

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  try {
    await assertPortFree(env.PORT, "dev server");
  } catch (err) {
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
  const db = await prepareDatabaseOrExit(env);
  await runStartupSeeds(db.url, log);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, DATABASE_KIND: db.kind, PORT: String(env.PORT) };
  const children = createChildren(() => void stop(1));
  async function stop(code: number): Promise<void> {
    await children.stopAll();
    await db.stop();
    process.exit(code);
  }
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  children.spawn("web", "node_modules/.bin/next", ["dev", "-p", String(env.PORT)], childEnv);
  if (env.START_WORKER) children.spawn("worker", "node_modules/.bin/tsx", ["--watch", "server/jobs/worker-main.ts"], childEnv, { restart: true });
  log(`dev server on http://localhost:${env.PORT}`);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
