// Parameter schema of the pure lending modes (domain §2.4, §2.5): the shared set only.
import { z } from "zod";
import { sharedParamsShape } from "./shared-params";

export const lendingParamsSchema = z.strictObject({ ...sharedParamsShape }).describe("Pure lending on AAVE v3");
export type LendingParams = z.output<typeof lendingParamsSchema>;
