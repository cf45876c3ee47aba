// `npm start`: validated env → free port → database (DATABASE_URL or embedded, migrated) → startup
// seeds → production build if missing or stale → `next start` and the worker, stopped together.
import { execFileSync } from "node:child_process";
import { buildIsStale } from "./lib/build-freshness";
import { assertPortFree, createChildren, fail, loadEnvOrExit, log, prepareDatabaseOrExit, waitForHttp } from "./lib/launch";
import { runStartupSeeds } from "../server/startup/run-startup-seeds";
import { StartupError } from "../server/db/embedded-postgres";

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  try {
    await assertPortFree(env.PORT, "web server");
  } catch (err) {
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
  const db = await prepareDatabaseOrExit(env);
  log(`Database: ${db.kind} (${new URL(db.url).host}${new URL(db.url).pathname})`);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, DATABASE_KIND: db.kind, PORT: String(env.PORT), NEXT_TELEMETRY_DISABLED: "1" };

  let shuttingDown = false;
  const children = createChildren((name, code) => {
    log(`${name} exited with code ${code}; shutting down`);
    void shutdown(1);
  });
  async function shutdown(code: number): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    log("Stopping…");
    await children.stopAll();
    await db.stop();
    process.exit(code);
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    await runStartupSeeds(db.url, log);
  } catch (err) {
    await db.stop();
    fail(`startup seed failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  const freshness = buildIsStale(process.cwd());
  if (freshness.stale) {
    log(`Building the app (${freshness.reason}); this takes about a minute…`);
    try {
      execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    } catch {
      await db.stop();
      fail("next build failed (see the output above)");
    }
  }

  children.spawn("web", "node_modules/.bin/next", ["start", "-p", String(env.PORT)], childEnv);
  if (env.START_WORKER) children.spawn("worker", "node_modules/.bin/tsx", ["server/jobs/worker-main.ts"], childEnv, { restart: true });
  if (await waitForHttp(`http://127.0.0.1:${env.PORT}/api/health`, 60_000)) {
    log(`Basis Lab is ready on http://localhost:${env.PORT} (Ctrl+C to stop)`);
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
