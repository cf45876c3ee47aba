// First-start seed: creates the "synthetic" data set (seed 42) when no ready data set of that name
// exists, so the app works with no real data. Safe when several processes start at once.
import type pg from "pg";
import { SYNTHETIC_DEFAULTS } from "../market-data/synthetic/generate";
import { buildSyntheticDatasetInput, saveDatasetOnClient, SYNTHETIC_SEED_LOCK_NAMESPACE } from "../market-data/store";

export interface EnsureSyntheticOptions {
  /** for tests: another name / a shorter window than the default data set */
  name?: string;
  end?: string;
}

export interface EnsureSyntheticResult {
  created: boolean;
  name: string;
  version: number;
}

/**
 * Call once at start-up (web server and worker alike). Holds a session advisory lock on one pooled
 * connection while it checks and, if needed, saves on that same connection, so a racing process
 * waits and then finds the data set instead of creating a second version.
 */
export async function ensureSyntheticDataset(pool: pg.Pool, opts: EnsureSyntheticOptions = {}): Promise<EnsureSyntheticResult> {
  const name = opts.name ?? SYNTHETIC_DEFAULTS.name;
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [SYNTHETIC_SEED_LOCK_NAMESPACE, name]);
    try {
      const { rows } = await client.query<{ version: number }>(
        `SELECT version FROM datasets WHERE name = $1 AND status = 'ready' ORDER BY version DESC LIMIT 1`,
        [name],
      );
      const existing = rows[0];
      if (existing) return { created: false, name, version: existing.version };
      const saved = await saveDatasetOnClient(client, buildSyntheticDatasetInput({ seed: SYNTHETIC_DEFAULTS.seed, name, end: opts.end }));
      return { created: true, name, version: saved.version };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [SYNTHETIC_SEED_LOCK_NAMESPACE, name]).catch(() => undefined);
    }
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // on failure the connection is closed, which also drops the session lock
    client.release(failed ? true : undefined);
  }
}
