// listLaunchDatasets: the ready data sets the launch form offers, with coverage (bounds the window
// pickers) and the series each has (so the form can warn before the server refuses).
import { z } from "zod";
import { getPool } from "../db/pool";

export const launchDatasetSchema = z.object({
  name: z.string(),
  version: z.number(),
  source: z.string(),
  coverageStart: z.date().nullable(),
  coverageEnd: z.date().nullable(),
  series: z.array(z.string()),
});
export type LaunchDataset = z.infer<typeof launchDatasetSchema>;

export async function listLaunchDatasets(): Promise<LaunchDataset[]> {
  const { rows } = await getPool().query(
    `SELECT DISTINCT ON (d.name) d.name, d.version, d.source, d."coverageStart", d."coverageEnd",
            COALESCE((SELECT array_agg(s."seriesId" ORDER BY s."seriesId") FROM dataset_series s WHERE s."datasetId" = d.id), '{}') AS series
     FROM datasets d WHERE d.status = 'ready' ORDER BY d.name, d.version DESC`,
  );
  // the synthetic data set first: it is what a newcomer has
  return rows.map((r) => launchDatasetSchema.parse(r)).sort((a, b) => Number(b.source === "synthetic") - Number(a.source === "synthetic") || a.name.localeCompare(b.name));
}
