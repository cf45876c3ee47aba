// findRuns: the runs list, filtered by mode/status and sorted in SQL (metrics are columns).
import { getPrisma } from "../db/prisma";
import { findRunsInputSchema, type FindRunsInput, type RunListItem, type RunSortKey } from "./run-schemas";
import { toRunListItem } from "./to-run-dto";

const NULLABLE = new Set<RunSortKey>(["apy", "sharpe", "maxDrawdown", "totalReturn"]);

export async function findRuns(raw: FindRunsInput = {}): Promise<RunListItem[]> {
  const input = findRunsInputSchema.parse(raw);
  const rows = await getPrisma().run.findMany({
    where: { mode: input.mode, status: input.status },
    // metric columns are null for unfinished runs: keep those last whatever the direction
    orderBy: [NULLABLE.has(input.sort) ? { [input.sort]: { sort: input.dir, nulls: "last" } } : { [input.sort]: input.dir }, { createdAt: "desc" }],
    take: input.limit,
  });
  return rows.map(toRunListItem);
}
