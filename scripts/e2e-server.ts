// The server the e2e suite drives: a fresh database of its own (created on DATABASE_URL's server or
// the embedded one, migrated and seeded), the production build under `next start`, and a worker.
import fs from "node:fs";
import pg from "pg";
import { createChildren, fail, loadEnvOrExit, log, prepareDatabaseOrExit, waitForHttp } from "./lib/launch";
import { migrateDatabase, withDatabaseName } from "../server/db/prepare-database";
import { runStartupSeeds } from "../server/startup/run-startup-seeds";

export const E2E_DB_FILE = "test-results/e2e-database.json";
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const server = await prepareDatabaseOrExit({ ...env, DATA_DIR: env.DATA_DIR });
  const name = `basislab_e2e_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabaseName(server.url, name);
  await migrateDatabase(url);
  await runStartupSeeds(url, log);
  log(`e2e database ${name} ready`);
  // Specs that need to reach the database directly (e.g. to take it away) read this file.
  fs.mkdirSync("test-results", { recursive: true });
  const logFile = `test-results/e2e-server-${process.pid}.log`;
  const log$ = fs.createWriteStream(logFile);
  fs.writeFileSync(E2E_DB_FILE, JSON.stringify({ name, serverUrl: server.serverUrl, logFile }));

  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, DATABASE_KIND: server.kind, PORT: String(E2E_PORT), NEXT_TELEMETRY_DISABLED: "1" };
  const children = createChildren((child, code) => {
    log(`${child} exited with code ${code}`);
    void stop(1);
  }, log$);
  let stopping = false;
  async function stop(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    await children.stopAll();
    if (!process.env.KEEP_E2E_DB) {
      const c = new pg.Client({ connectionString: server.serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await c.end();
    }
    await server.stop();
    process.exit(code);
  }
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  children.spawn("web", "node_modules/.bin/next", ["start", "-p", String(E2E_PORT)], childEnv);
  children.spawn("worker", "node_modules/.bin/tsx", ["server/jobs/worker-main.ts"], { ...childEnv, WORKER_CONCURRENCY: "2" }, { restart: true });
  if (!(await waitForHttp(`http://127.0.0.1:${E2E_PORT}/api/health`, 60_000))) fail("the e2e web server did not come up");
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
