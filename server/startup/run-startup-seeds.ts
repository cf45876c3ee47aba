// Seeds that must exist before the app serves: run by `npm start`, `npm run dev` and the e2e server.
import pg from "pg";
import { ensureSyntheticDataset } from "./seed-synthetic";

export async function runStartupSeeds(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const started = Date.now();
    const synthetic = await ensureSyntheticDataset(pool);
    if (synthetic.created) log(`Created the synthetic default data set "${synthetic.name}" v${synthetic.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await pool.end();
  }
}
