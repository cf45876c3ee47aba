// Decides which PostgreSQL to use (DATABASE_URL or the embedded one), checks it is reachable and
// applies pending migrations; every failure becomes one line naming the problem and the fix.
import { execFile } from "node:child_process";
import pg from "pg";
import { startEmbeddedPostgres, StartupError, type EmbeddedDatabase } from "./embedded-postgres";

export type DatabaseKind = "embedded" | "external";

export interface PreparedDatabase {
  kind: DatabaseKind;
  url: string;
  /** Maintenance-database URL on the same server (for creating per-run test databases). */
  serverUrl: string;
  stop: () => Promise<void>;
}

function describe(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
}

export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Connects once to prove the server is up and the database exists. */
export async function checkDatabaseReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string };
    if (e.code === "3D000") {
      const db = new URL(url).pathname.slice(1);
      throw new StartupError(`Database "${db}" does not exist on ${describe(url)}: create it (createdb ${db}) or point DATABASE_URL at an existing one.`);
    }
    if (e.code === "28P01" || e.code === "28000") {
      throw new StartupError(`PostgreSQL at ${describe(url)} refused the credentials in DATABASE_URL (${e.message}).`);
    }
    throw new StartupError(`Cannot reach PostgreSQL at ${describe(url)} (${e.code ?? e.message}): start the server or fix DATABASE_URL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Applies pending migrations with the offline WASM migrator (scripts/migrate.mjs). */
export function migrateDatabase(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile("node", ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: url } }, (err, stdout, stderr) => {
      if (err) {
        const detail = `${stderr}\n${stdout}`.split("\n").map((l) => l.trim()).filter(Boolean).slice(-2).join(" | ");
        reject(new StartupError(`Migrations failed on ${describe(url)}: ${detail || err.message}. Nothing was rolled back beyond the failing migration.`));
        return;
      }
      // Names only: the output may carry ANSI colours when a parent forces them.
      resolve(stdout.match(/\d{14}_\w+/g) ?? []);
    });
  });
}

export async function prepareDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  migrate: boolean;
  log: (line: string) => void;
}): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let prepared: PreparedDatabase;
  if (opts.databaseUrl) {
    await checkDatabaseReachable(opts.databaseUrl);
    prepared = { kind: "external", url: opts.databaseUrl, serverUrl: withDatabaseName(opts.databaseUrl, "postgres"), stop: async () => undefined };
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: opts.dataDir, port: opts.embeddedPort, log: opts.log });
    prepared = { kind: "embedded", url: embedded.url, serverUrl: embedded.serverUrl, stop: embedded.stop };
  }
  if (opts.migrate) {
    try {
      const applied = await migrateDatabase(prepared.url);
      opts.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
    } catch (err) {
      await prepared.stop();
      throw err;
    }
  }
  return prepared;
}
