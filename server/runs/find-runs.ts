// findRuns: the runs list, filtered by mode/status and sorted in SQL (metrics are columns).
import { getPrisma } from "../db/prisma";
import { findRunsInputSchema, type FindRunsInput, type RunListItem } from "./run-schemas";
import { toRunListItem } from "./to-run-dto";

export async function findRuns(raw: FindRunsInput = {}): Promise<RunListItem[]> {
  const input = findRunsInputSchema.parse(raw);
  const rows = await getPrisma().run.findMany({
    where: { mode: input.mode, status: input.status },
    orderBy: [{ [input.sort]: { sort: input.dir, nulls: "last" } }, { createdAt: "desc" }],
    take: input.limit,
  });
  return rows.map(toRunListItem);
}
