// Vitest global setup: every test run gets a database of its own (created from DATABASE_URL's
// server, migrated, dropped afterwards), so concurrent runs never see each other's rows.
import { execFileSync } from "node:child_process";
import pg from "pg";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(): Promise<() => Promise<void>> {
  const baseUrl = process.env.DATABASE_URL ?? process.env.TEST_BASE_DATABASE_URL;
  if (!baseUrl) {
    throw new Error("tests need DATABASE_URL (npm test sets it, starting the embedded PostgreSQL when unset)");
  }
  const name = `basislab_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(baseUrl, name);
  execFileSync("node", ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  process.env.DATABASE_URL = url;
  return async () => {
    if (process.env.KEEP_TEST_DB) return;
    const c = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
}
