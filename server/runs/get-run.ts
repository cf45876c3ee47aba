// getRun: one run with its config, status, summary and details; getRunProgress: the small status
// record the progress stream polls.
import { getPool } from "../db/pool";
import { getPrisma } from "../db/prisma";
import { AppError } from "../errors";
import { runProgressSchema, type RunDto, type RunProgress } from "./run-schemas";
import { toRunDto } from "./to-run-dto";

export async function getRun(runId: string): Promise<RunDto> {
  const row = await getPrisma().run.findUnique({ where: { id: runId } });
  if (!row) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  return toRunDto(row);
}

export async function getRunProgress(runId: string): Promise<RunProgress> {
  const { rows } = await getPool().query(`SELECT status, progress, "stepsDone", "stepsTotal", "errorCode", "errorMessage" FROM runs WHERE id = $1`, [runId]);
  if (!rows[0]) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  return runProgressSchema.parse(rows[0]);
}
