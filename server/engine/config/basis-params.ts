// Parameter schema of the basis modes (domain §2.6, §2.7): shared set, hedge allocation, margin and
// delta thresholds, funding filter; cross-field orderings are validated here (CONFIG-002).
import { z } from "zod";
import { sharedParamsShape } from "./shared-params";

const weight = (def: number, venue: string) =>
  z.number().min(0).max(1).default(def).describe(`Share of the hedge shorted on ${venue} (0 disables the venue)`);

export const hedgeAllocationSchema = z
  .strictObject({ binance: weight(0.4, "Binance"), bybit: weight(0.3, "Bybit"), okx: weight(0.3, "OKX") })
  .describe("Hedge allocation across perp venues; weights sum to 1");

/** The hedge fields every perp-hedged mode shares; their orderings are checked by checkHedge. */
export interface HedgeFields {
  hedgeAllocation: { binance: number; bybit: number; okx: number };
  marginRatioTarget: number;
  marginWarningRatio: number;
  marginCriticalRatio: number;
  maintenanceMarginRatio: number;
  deltaTolerance: number;
  maxDeltaDrift: number;
  deltaCriticalRatio: number;
}

export function checkHedge(p: HedgeFields, ctx: z.RefinementCtx): void {
  const w = p.hedgeAllocation;
  const sum = w.binance + w.bybit + w.okx;
  if (Math.abs(sum - 1) > 1e-9) ctx.addIssue({ code: "custom", path: ["hedgeAllocation"], message: `hedge weights must sum to 1 (got ${sum})` });
  if (!(p.maintenanceMarginRatio < p.marginCriticalRatio && p.marginCriticalRatio < p.marginWarningRatio && p.marginWarningRatio < p.marginRatioTarget)) {
    ctx.addIssue({ code: "custom", path: ["marginWarningRatio"], message: "need maintenanceMarginRatio < marginCriticalRatio < marginWarningRatio < marginRatioTarget" });
  }
  if (!(p.deltaTolerance < p.maxDeltaDrift && p.maxDeltaDrift < p.deltaCriticalRatio)) {
    ctx.addIssue({ code: "custom", path: ["maxDeltaDrift"], message: "need deltaTolerance < maxDeltaDrift < deltaCriticalRatio" });
  }
}

export const basisParamsSchema = z
  .strictObject({
    ...sharedParamsShape,
    hedgeAllocation: hedgeAllocationSchema.default({ binance: 0.4, bybit: 0.3, okx: 0.3 }),
    spotVenue: z.enum(["binance"]).default("binance").describe("CEX where the spot leg is bought"),
    marginRatioTarget: z.number().min(0.25).max(3).default(0.8).describe("USDT margin per venue as a fraction of its short notional"),
    marginWarningRatio: z.number().min(0.01).max(0.5).default(0.2).describe("Margin ratio below which margin is topped up"),
    marginCriticalRatio: z.number().min(0.01).max(0.5).default(0.15).describe("Margin ratio below which support is urgent (else cut both legs 50 %)"),
    maintenanceMarginRatio: z.number().min(0.01).max(0.5).default(0.1).describe("Margin ratio at which the venue liquidates"),
    deltaTolerance: z.number().min(0).max(0.5).default(0.005).describe("Net delta / equity above which a warning is logged"),
    maxDeltaDrift: z.number().min(0).max(0.5).default(0.02).describe("Net delta / equity above which the hedge is adjusted"),
    deltaCriticalRatio: z.number().min(0).max(0.5).default(0.05).describe("Net delta / equity above which hedge adjustment takes priority"),
    fundingFilter: z.enum(["off", "trailing"]).default("off").describe("off: always in; trailing: enter on a trailing mean funding ≥ threshold, exit when it turns negative"),
    fundingLookbackSettlements: z.number().int().min(1).max(90).default(21).describe("Settlements in the trailing funding mean"),
    fundingThreshold: z.number().min(-0.001).max(0.01).default(0.0001).describe("Trailing mean funding per 8 h needed to enter"),
  })
  .superRefine(checkHedge)
  .describe("Basis trade: long spot, short perps across venues, earning funding");
export type BasisParams = z.output<typeof basisParamsSchema>;
