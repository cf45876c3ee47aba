// The one pg.Pool per process (raw SQL, COPY, pg-boss and Prisma all share it), created lazily so
// importing this module never touches the database (next build imports every route).
import pg from "pg";
import { getEnv } from "../env";

const globalForPool = globalThis as unknown as { basisLabPool?: pg.Pool };

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super("DATABASE_URL is not set: `npm start` sets it (embedded PostgreSQL) or export it to use an external server.");
    this.name = "DatabaseNotConfiguredError";
  }
}

export function getDatabaseUrl(): string {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new DatabaseNotConfiguredError();
  return url;
}

export function getPool(): pg.Pool {
  if (!globalForPool.basisLabPool) {
    const pool = new pg.Pool({ connectionString: getDatabaseUrl(), max: 10, connectionTimeoutMillis: 5_000 });
    // An idle client losing its connection (database restarted) must not crash the process.
    pool.on("error", (err) => console.error(`[db] idle client error: ${err.message}`));
    globalForPool.basisLabPool = pool;
  }
  return globalForPool.basisLabPool;
}

export async function closePool(): Promise<void> {
  const pool = globalForPool.basisLabPool;
  globalForPool.basisLabPool = undefined;
  await pool?.end();
}
