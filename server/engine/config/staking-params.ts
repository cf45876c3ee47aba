// Parameter schemas of the staking family (domain §2.8–2.11, §2.3): eth_staking_only,
// eth_leveraged and the two USDT market-neutral modes, with cross-field checks (CONFIG-002).
import { z } from "zod";
import { checkHedge, hedgeAllocationSchema } from "./basis-params";
import { sharedParamsShape } from "./shared-params";

const lstShape = {
  lstType: z.enum(["weETH", "wstETH"]).default("weETH").describe("Liquid staking token: weETH (ether.fi) or wstETH (Lido); yield comes from its exchange rate r"),
  lstExitRoute: z
    .enum(["dex", "protocol"])
    .default("dex")
    .describe("LST exit: dex (sell at the market rate m, paying DEX bps) or protocol (unstake at r: Lido at once, ether.fi after 7 days in its queue)"),
  rewardsMode: z
    .enum(["base_only", "base_plus_rewards"])
    .default("base_only")
    .describe("base_only: the LST rate only; base_plus_rewards (weETH): ether.fi rewards credited in ETH on Mondays from the rewards series"),
} as const;

const leverageShape = {
  maxLtv: z.number().gt(0).lt(1).default(0.93).describe("AAVE e-mode maximum LTV (caps borrowing)"),
  liquidationThreshold: z.number().gt(0).lt(1).default(0.95).describe("AAVE e-mode liquidation threshold LT (HF = LT·collateral/debt)"),
  liquidationBonus: z.number().min(0).max(0.2).default(0.01).describe("AAVE liquidation bonus paid to the liquidator out of the seized collateral"),
  closeFactor: z.number().gt(0).max(1).default(0.5).describe("Share of the debt one AAVE liquidation repays"),
  maxStakeSpreadMove: z.number().min(0).max(0.1).default(0.02215).describe("LST/ETH oracle drop the target LTV is built to absorb: λ = maxLtv·(1 − this)"),
  targetLtv: z.number().gt(0).lt(1).optional().describe("Target LTV λ; blank derives it from maxLtv and maxStakeSpreadMove (0.9094)"),
  ltvRebalanceBand: z.number().min(0.005).max(0.05).default(0.02).describe("Re-lever below λ − band, delever above λ + band"),
  minHealthFactor: z.number().min(1).max(3).default(1.04).describe("Delever to λ when the health factor falls below this"),
  entryMethod: z.enum(["atomic", "recursive"]).default("atomic").describe("atomic: one flash-loan group; recursive: stake → supply → borrow loops until the next borrow < minLoopSize"),
  flashSource: z.enum(["balancer", "morpho", "aave"]).default("balancer").describe("Flash-loan source: Balancer and Morpho 0 bps, AAVE 5 bps"),
  minLoopSize: z.number().gt(0).max(1e6).default(10).describe("Recursive entry stops when the next borrow is below this many ETH"),
} as const;

const hedgeShape = {
  hedgeAllocation: hedgeAllocationSchema.default({ binance: 0.4, bybit: 0.3, okx: 0.3 }),
  stakeAllocation: z.number().min(0.1).max(0.9).default(0.5).describe("Share of equity bought as ETH and staked; the rest margins the perp shorts"),
  marginRatioTarget: z.number().min(0.25).max(3).default(0.5).describe("USDT margin per venue restored by margin support, as a fraction of its short notional"),
  marginWarningRatio: z.number().min(0.01).max(0.5).default(0.2).describe("Margin ratio below which margin is supported"),
  marginCriticalRatio: z.number().min(0.01).max(0.5).default(0.15).describe("Margin ratio below which support is urgent"),
  maintenanceMarginRatio: z.number().min(0.01).max(0.5).default(0.1).describe("Margin ratio at which the venue liquidates"),
  deltaTolerance: z.number().min(0).max(0.5).default(0.005).describe("Net delta / equity above which a warning is logged"),
  maxDeltaDrift: z.number().min(0).max(0.5).default(0.02).describe("Net delta / equity above which the hedge is adjusted"),
  deltaCriticalRatio: z.number().min(0).max(0.5).default(0.05).describe("Net delta / equity above which hedge adjustment takes priority"),
  maxVenueConcentration: z.number().min(0.2).max(1).default(0.6).describe("Largest share of the hedge notional one venue may carry before a risk event"),
} as const;

interface LeverageFields {
  maxLtv: number;
  liquidationThreshold: number;
  maxStakeSpreadMove: number;
  targetLtv?: number | undefined;
  ltvRebalanceBand: number;
  minHealthFactor: number;
}

/** λ actually used: the explicit target or maxLtv·(1 − maxStakeSpreadMove). */
export function resolvedTargetLtv(p: Pick<LeverageFields, "maxLtv" | "maxStakeSpreadMove" | "targetLtv">): number {
  return p.targetLtv ?? p.maxLtv * (1 - p.maxStakeSpreadMove);
}

function checkLeverage(p: LeverageFields, ctx: z.RefinementCtx): void {
  if (!(p.maxLtv < p.liquidationThreshold)) ctx.addIssue({ code: "custom", path: ["maxLtv"], message: "need maxLtv < liquidationThreshold < 1" });
  const lambda = resolvedTargetLtv(p);
  if (!(lambda < p.maxLtv)) ctx.addIssue({ code: "custom", path: ["targetLtv"], message: `need targetLtv (${lambda}) < maxLtv` });
  if (!(lambda + p.ltvRebalanceBand <= p.maxLtv + 1e-12)) ctx.addIssue({ code: "custom", path: ["ltvRebalanceBand"], message: "need targetLtv + ltvRebalanceBand ≤ maxLtv" });
  if (!(p.minHealthFactor <= p.liquidationThreshold / lambda + 1e-9)) {
    ctx.addIssue({ code: "custom", path: ["minHealthFactor"], message: `need minHealthFactor ≤ liquidationThreshold/targetLtv (${(p.liquidationThreshold / lambda).toFixed(4)})` });
  }
}

interface LstFields {
  lstType: "weETH" | "wstETH";
  lstExitRoute: "dex" | "protocol";
  rewardsMode: "base_only" | "base_plus_rewards";
}

function checkLst(p: LstFields, ctx: z.RefinementCtx): void {
  if (p.rewardsMode === "base_plus_rewards" && p.lstType !== "weETH") {
    ctx.addIssue({ code: "custom", path: ["rewardsMode"], message: "base_plus_rewards applies to weETH (ether.fi) only" });
  }
}

export const stakingParamsSchema = z
  .strictObject({ ...sharedParamsShape, ...lstShape })
  .superRefine(checkLst)
  .describe("ETH staked into an LST; yield from the LST exchange rate (ETH share class)");
export type StakingParams = z.output<typeof stakingParamsSchema>;

export const leveragedParamsSchema = z
  .strictObject({ ...sharedParamsShape, ...lstShape, ...leverageShape })
  .superRefine((p, ctx) => {
    checkLst(p, ctx);
    checkLeverage(p, ctx);
  })
  .describe("AAVE e-mode staking loop: LST collateral, WETH debt at a target LTV (ETH share class)");
export type LeveragedParams = z.output<typeof leveragedParamsSchema>;

export const marketNeutralParamsSchema = z
  .strictObject({ ...sharedParamsShape, ...lstShape, ...hedgeShape })
  .superRefine((p, ctx) => {
    checkLst(p, ctx);
    checkHedge(p, ctx);
  })
  .describe("USDT capital: a share staked as LST, its ETH delta hedged with perp shorts across venues");
export type MarketNeutralParams = z.output<typeof marketNeutralParamsSchema>;

export const leveragedMarketNeutralParamsSchema = z
  .strictObject({ ...sharedParamsShape, ...lstShape, ...hedgeShape, ...leverageShape })
  .superRefine((p, ctx) => {
    checkLst(p, ctx);
    checkHedge(p, ctx);
    checkLeverage(p, ctx);
  })
  .describe("Market-neutral with the staked share levered in the AAVE e-mode loop; hedge sized to the sleeve's net ETH");
export type LeveragedMarketNeutralParams = z.output<typeof leveragedMarketNeutralParamsSchema>;

/** Fields the leverage loop needs (eth_leveraged and usdt_market_neutral). */
export type LeverageParams = Pick<
  LeveragedParams,
  "maxLtv" | "liquidationThreshold" | "liquidationBonus" | "closeFactor" | "maxStakeSpreadMove" | "targetLtv" | "ltvRebalanceBand" | "minHealthFactor" | "entryMethod" | "flashSource" | "minLoopSize"
>;
