// tRPC procedures for parameter sweeps.
import { z } from "zod";
import { getPool } from "../../db/pool";
import { createSweep } from "../../sweeps/create-sweep";
import { cancelSweep, getSweep, listSweeps } from "../../sweeps/get-sweep";
import { openSweepConfig } from "../../sweeps/open-sweep-config";
import { createSweepInputSchema } from "../../sweeps/sweep-schemas";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const sweepRouter = createTRPCRouter({
  create: publicProcedure.input(createSweepInputSchema).mutation(({ input }) => createSweep(getPool(), input)),
  list: publicProcedure.query(() => listSweeps(getPool())),
  get: publicProcedure.input(z.object({ id: z.string() })).query(({ input }) => getSweep(getPool(), input.id)),
  cancel: publicProcedure.input(z.object({ id: z.uuid() })).mutation(({ input }) => cancelSweep(getPool(), input.id)),
  openConfig: publicProcedure
    .input(z.object({ sweepId: z.uuid(), idx: z.number().int().min(0) }))
    .mutation(({ input }) => openSweepConfig(getPool(), input.sweepId, input.idx)),
});
