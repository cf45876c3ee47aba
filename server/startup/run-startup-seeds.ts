// What must exist before the app serves, run by `npm start`, `npm run dev`, the e2e server and the
// benches: the job queues (installed once, before workers race to do it) and the synthetic data set.
import pg from "pg";
import { ALL_JOBS } from "../jobs/all-jobs";
import { installQueues } from "../jobs/queue";
import { ensureSyntheticDataset } from "./seed-synthetic";

export async function runStartupSeeds(databaseUrl: string, log: (line: string) => void): Promise<void> {
  await installQueues(databaseUrl, ALL_JOBS);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const started = Date.now();
    const synthetic = await ensureSyntheticDataset(pool);
    if (synthetic.created) log(`Created the synthetic default data set "${synthetic.name}" v${synthetic.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await pool.end();
  }
}
