// Finished runs a user can pick for a comparison, newest first.
import type pg from "pg";

export interface CompareCandidate {
  id: string;
  name: string;
  mode: string;
  datasetName: string;
  datasetSource: string;
  windowStart: string;
  windowEnd: string;
  apy: number | null;
  createdAt: string;
}

export async function listCompareCandidates(pool: pg.Pool, opts: { limit?: number } = {}): Promise<CompareCandidate[]> {
  const { rows } = await pool.query<{ id: string; name: string; mode: string; datasetName: string; datasetSource: string; windowStart: Date; windowEnd: Date; apy: number | null; createdAt: Date }>(
    `SELECT id, name, mode, "datasetName", "datasetSource", "windowStart", "windowEnd", apy, "createdAt"
       FROM runs WHERE status = 'succeeded' ORDER BY "createdAt" DESC LIMIT $1`,
    [opts.limit ?? 200],
  );
  return rows.map((r) => ({ ...r, windowStart: r.windowStart.toISOString(), windowEnd: r.windowEnd.toISOString(), createdAt: r.createdAt.toISOString() }));
}
