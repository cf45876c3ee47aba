// tRPC procedures for comparing runs side by side.
import { getPool } from "../../db/pool";
import { compareInputSchema, compareRuns } from "../../compare/compare-runs";
import { listCompareCandidates } from "../../compare/list-compare-candidates";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const compareRouter = createTRPCRouter({
  candidates: publicProcedure.query(() => listCompareCandidates(getPool())),
  runs: publicProcedure.input(compareInputSchema).query(({ input }) => compareRuns(getPool(), input)),
});
