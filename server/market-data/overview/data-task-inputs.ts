// Input schemas of the Data page tasks, isomorphic (zod only): the form and the tRPC procedure share them.
import { z } from "zod";
import { DATASET_NAME_PATTERN, DATASET_NAME_RULE } from "../store/dataset-names";

export const MAX_SEED = 2_147_483_647;

export const generateSyntheticInputSchema = z.object({
  seed: z.number({ message: "seed must be a whole number" }).int("seed must be a whole number").min(0, "seed must be ≥ 0").max(MAX_SEED, "seed is too large"),
  name: z.string().trim().regex(DATASET_NAME_PATTERN, DATASET_NAME_RULE).optional(),
  /** window from 2024-01-01; omitted = the full default span */
  days: z.number().int().min(2).max(700).optional(),
});
export type GenerateSyntheticInput = z.infer<typeof generateSyntheticInputSchema>;

export const importDirectoryInputSchema = z.object({
  path: z.string().trim().min(1, "enter the directory to import"),
  name: z.string().trim().regex(DATASET_NAME_PATTERN, DATASET_NAME_RULE).optional(),
});
export type ImportDirectoryInput = z.infer<typeof importDirectoryInputSchema>;
