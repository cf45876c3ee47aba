// Isomorphic schemas of the sweeps area: the launch input (tRPC, form, CLI) and statuses.
import { z } from "zod";
import { createRunInputSchema } from "../runs/run-schemas";
import { DEFAULT_SWEEP_CAP, HARD_SWEEP_CAP, sweepAxisSchema } from "./sweep-axes";

export const SWEEP_METRICS = ["apy", "totalReturn", "sharpe", "maxDrawdown"] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

export const createSweepInputSchema = createRunInputSchema.extend({
  axes: z
    .array(sweepAxisSchema)
    .min(1, "turn at least one numeric parameter into a range")
    .max(3, "at most 3 swept parameters")
    .refine((axes) => new Set(axes.map((a) => a.key)).size === axes.length, "each parameter can be swept only once"),
  /** Refuse sweeps larger than this (configurable per sweep; default 500). */
  maxRuns: z.number().int().min(1).max(HARD_SWEEP_CAP).default(DEFAULT_SWEEP_CAP),
});
export type CreateSweepInput = z.input<typeof createSweepInputSchema>;
