// rerunRun: runs are immutable, so re-running makes a new run with the same mode, data set
// version, window, capital and config.
import { MODE_IDS } from "../engine/config/modes";
import { getPrisma } from "../db/prisma";
import { AppError } from "../errors";
import { z } from "zod";
import { createRun, type CreatedRun } from "./create-run";

export async function rerunRun(runId: string): Promise<CreatedRun> {
  const r = await getPrisma().run.findUnique({ where: { id: runId } });
  if (!r) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  const config = typeof r.config === "object" && r.config !== null && !Array.isArray(r.config) ? (r.config as Record<string, unknown>) : {};
  return createRun({
    name: `${r.name} (re-run)`.slice(0, 120),
    mode: z.enum(MODE_IDS).parse(r.mode),
    datasetName: r.datasetName,
    datasetVersion: r.datasetVersion,
    start: r.windowStart.toISOString(),
    end: r.windowEnd.toISOString(),
    capital: r.capital,
    params: config,
    ...(r.signalCsv !== null ? { signalCsv: r.signalCsv } : {}),
  });
}
