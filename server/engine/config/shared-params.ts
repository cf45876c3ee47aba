// Parameters every mode shares (domain §2.3), as zod 4 fields with defaults, bounds and descriptions.
import { z } from "zod";

/** Initial capital in share-class currency; the launch form offers 1,000 – 10,000,000. */
export const capitalSchema = z
  .number()
  .positive()
  .max(1e12)
  .describe("Initial capital in the share-class currency (form range 1,000 – 10,000,000)");

export const sharedParamsShape = {
  positionDeviationThreshold: z
    .number()
    .min(0.005)
    .max(0.5)
    .default(0.02)
    .describe("Re-size all legs when equity deviates from the last re-size by more than this fraction"),
  dustDelta: z.number().min(0).max(0.05).default(0.002).describe("Sell reward-token dust once it exceeds this fraction of equity"),
  costs: z.boolean().default(true).describe("Charge fees, slippage and gas (turn off only for known-answer checks)"),
  gasCostMultiplier: z.number().min(1).max(3).default(1.2).describe("Multiplier on gas price × gas units for on-chain actions"),
  closeAtEnd: z.boolean().default(false).describe("Unwind every position on the last tick (exit costs count against returns)"),
  riskFreeRate: z.number().min(0).max(0.2).default(0).describe("Annual risk-free rate used by Sharpe and Sortino"),
  maxStaleHours: z.number().int().min(1).max(168).default(24).describe("Fail the run when a price is stale for longer than this many hours"),
} as const;
