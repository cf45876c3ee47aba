// Seeds that must exist before the app serves: run by `npm start`, `npm run dev` and the e2e server.
import pg from "pg";

export async function runStartupSeeds(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const seeds: Array<(pool: pg.Pool, log: (line: string) => void) => Promise<void>> = [];
    for (const seed of seeds) await seed(pool, log);
  } finally {
    await pool.end();
  }
}
