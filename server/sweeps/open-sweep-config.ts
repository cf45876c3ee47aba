// "Open this cell": re-runs one sweep config as a full run (with stored series), deterministically
// identical to the summary the sweep recorded; reuses the run when already opened.
import type pg from "pg";
import { z } from "zod";
import { AppError } from "../errors";
import { createRun } from "../runs/create-run";

export async function openSweepConfig(pool: pg.Pool, sweepId: string, idx: number): Promise<{ runId: string }> {
  const { rows } = await pool.query(
    `SELECT r.params, r."runId", r.point, s.mode, s."datasetName", s."datasetVersion", s."windowStart", s."windowEnd", s.capital, s.axes, s.name
       FROM sweep_runs r JOIN sweeps s ON s.id = r."sweepId" WHERE r."sweepId" = $1 AND r.idx = $2`,
    [sweepId, idx],
  );
  const row = rows[0] as Record<string, unknown> | undefined;
  if (!row) throw new AppError("NOT_FOUND", `Sweep ${sweepId} has no config #${idx}`);
  if (typeof row.runId === "string") return { runId: row.runId };
  const axes = z.array(z.object({ key: z.string() })).parse(row.axes);
  const point = z.array(z.number()).parse(row.point);
  const created = await createRun({
    name: `${String(row.name)} · ${axes.map((a, i) => `${a.key}=${point[i]}`).join(", ")}`.slice(0, 120),
    mode: z.string().parse(row.mode) as never,
    datasetName: z.string().parse(row.datasetName),
    datasetVersion: z.number().parse(row.datasetVersion),
    start: (row.windowStart as Date).toISOString(),
    end: (row.windowEnd as Date).toISOString(),
    capital: z.number().parse(row.capital),
    params: z.record(z.string(), z.unknown()).parse(row.params),
  });
  await pool.query(`UPDATE sweep_runs SET "runId" = $3 WHERE "sweepId" = $1 AND idx = $2`, [sweepId, idx, created.id]);
  return { runId: created.id };
}
