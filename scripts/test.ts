// `npm test`: typecheck, lint, migrations in sync, vitest against a real PostgreSQL (a database of
// its own per run), production build, Playwright e2e in Chromium. Uses DATABASE_URL's server when
// set, else starts the embedded one. Ends with one `N passed, N failed` line.
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { fail, loadEnvOrExit, log, prepareDatabaseOrExit } from "./lib/launch";

interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
  passed?: number;
  failed?: number;
  skipped?: number;
}

const RESULTS_DIR = "test-results";

function run(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): StepResult {
  log(`── ${name}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: "inherit", env });
  return { name, ok: res.status === 0, seconds: (Date.now() - started) / 1000 };
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const only = process.argv.slice(2);
  const want = (step: string) => only.length === 0 || only.includes(step);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.mkdirSync("e2e/artifacts", { recursive: true });

  // The embedded server (when DATABASE_URL is unset) is started once here and handed to every step.
  const db = await prepareDatabaseOrExit(env);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: "1" };
  const results: StepResult[] = [];
  try {
    if (want("typecheck")) results.push(run("typecheck", "node_modules/.bin/tsc", ["--noEmit", "-p", "."], childEnv));
    if (want("lint")) results.push(run("lint", "node_modules/.bin/eslint", [".", "--max-warnings=0"], childEnv));
    if (want("migrations")) results.push(run("migrations in sync with schema.prisma", "node", ["scripts/migrate.mjs", "check"], childEnv));
    if (want("unit")) {
      const out = `${RESULTS_DIR}/vitest.json`;
      fs.rmSync(out, { force: true });
      const r = run("vitest", "node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], { ...childEnv, TZ: "America/New_York" });
      const json = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(out);
      results.push({ ...r, passed: json?.numPassedTests ?? 0, failed: json ? json.numFailedTests : 1, skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0) });
    }
    if (want("e2e")) {
      const build = run("next build", "node_modules/.bin/next", ["build"], childEnv);
      results.push(build);
      if (build.ok) {
        const out = `${RESULTS_DIR}/playwright.json`;
        fs.rmSync(out, { force: true });
        const r = run("playwright e2e", "node_modules/.bin/playwright", ["test"], { ...childEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
        const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(out);
        results.push({ ...r, passed: json ? json.stats.expected + json.stats.flaky : 0, failed: json ? json.stats.unexpected : 1, skipped: json?.stats.skipped ?? 0 });
      }
    }
  } finally {
    await db.stop();
  }

  console.log("\n── summary");
  for (const r of results) {
    const counts = r.passed !== undefined ? ` (${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped)` : "";
    console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}${counts} ${r.seconds.toFixed(1)} s`);
  }
  const stepFailures = results.filter((r) => !r.ok && r.failed === undefined).length;
  const passed = results.reduce((s, r) => s + (r.passed ?? (r.ok ? 1 : 0)), 0);
  const failed = results.reduce((s, r) => s + (r.failed ?? 0), 0) + stepFailures + results.filter((r) => !r.ok && r.failed === 0).length;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
