// The mode catalogue (domain §2.1): ids, aliases, share class, reference APY range and the one zod
// parameter schema per mode that the API, the launch form and the engine all use.
import type { z } from "zod";
import type { ShareClass } from "../types";
import { basisParamsSchema, type BasisParams } from "./basis-params";
import { directionalParamsSchema, type DirectionalParams } from "./directional-params";
import { lendingParamsSchema, type LendingParams } from "./lending-params";
import {
  leveragedMarketNeutralParamsSchema,
  leveragedParamsSchema,
  marketNeutralParamsSchema,
  stakingParamsSchema,
  type LeveragedMarketNeutralParams,
  type LeveragedParams,
  type MarketNeutralParams,
  type StakingParams,
} from "./staking-params";

export const MODE_IDS = [
  "pure_lending_usdt",
  "pure_lending_eth",
  "btc_basis",
  "eth_basis",
  "eth_staking_only",
  "eth_leveraged",
  "usdt_market_neutral_no_leverage",
  "usdt_market_neutral",
  "ml_btc_directional_usdt_margin",
  "ml_btc_directional_btc_margin",
] as const;
export type ModeId = (typeof MODE_IDS)[number];

/** Accepted aliases (domain §2.1); every other unknown id is rejected (CONFIG-003). */
export const MODE_ALIASES: Readonly<Record<string, ModeId>> = {
  pure_lending: "pure_lending_usdt",
  usdt_eth_staking_hedged_simple: "usdt_market_neutral_no_leverage",
  usdt_eth_staking_hedged_leveraged: "usdt_market_neutral",
};

export interface ModeInfo {
  readonly id: ModeId;
  readonly label: string;
  readonly shareClass: ShareClass;
  /** Reference net APY range on realistic data (fractions). */
  readonly referenceApy: readonly [number, number];
  /** Range with restaking rewards on (rewardsMode base_plus_rewards), where the domain gives one. */
  readonly referenceApyWithRewards?: readonly [number, number];
  readonly family: "lending" | "basis" | "staking" | "market_neutral" | "directional";
}

export const MODE_INFO: Readonly<Record<ModeId, ModeInfo>> = {
  pure_lending_usdt: { id: "pure_lending_usdt", label: "Pure lending (USDT)", shareClass: "USDT", referenceApy: [0.03, 0.08], family: "lending" },
  pure_lending_eth: { id: "pure_lending_eth", label: "Pure lending (ETH)", shareClass: "ETH", referenceApy: [0.01, 0.03], family: "lending" },
  btc_basis: { id: "btc_basis", label: "BTC basis", shareClass: "USDT", referenceApy: [0.02, 0.1], family: "basis" },
  eth_basis: { id: "eth_basis", label: "ETH basis", shareClass: "USDT", referenceApy: [0.02, 0.1], family: "basis" },
  eth_staking_only: { id: "eth_staking_only", label: "ETH staking (LST)", shareClass: "ETH", referenceApy: [0.02, 0.04], referenceApyWithRewards: [0.03, 0.08], family: "staking" },
  eth_leveraged: { id: "eth_leveraged", label: "ETH leveraged staking (AAVE e-mode)", shareClass: "ETH", referenceApy: [-0.05, 0.15], family: "staking" },
  usdt_market_neutral_no_leverage: {
    id: "usdt_market_neutral_no_leverage",
    label: "USDT market-neutral staking",
    shareClass: "USDT",
    referenceApy: [0.03, 0.08],
    family: "market_neutral",
  },
  usdt_market_neutral: { id: "usdt_market_neutral", label: "USDT market-neutral leveraged staking", shareClass: "USDT", referenceApy: [0.05, 0.15], family: "market_neutral" },
  // signal modes have no reference APY (domain §2.1: "none"): a losing run carries the warning (which names its costs)
  ml_btc_directional_usdt_margin: {
    id: "ml_btc_directional_usdt_margin",
    label: "BTC directional signal (USDT margin)",
    shareClass: "USDT",
    referenceApy: [0, 10],
    family: "directional",
  },
  ml_btc_directional_btc_margin: { id: "ml_btc_directional_btc_margin", label: "BTC directional signal (BTC margin)", shareClass: "BTC", referenceApy: [0, 10], family: "directional" },
};

export interface ModeParamsMap {
  pure_lending_usdt: LendingParams;
  pure_lending_eth: LendingParams;
  btc_basis: BasisParams;
  eth_basis: BasisParams;
  eth_staking_only: StakingParams;
  eth_leveraged: LeveragedParams;
  usdt_market_neutral_no_leverage: MarketNeutralParams;
  usdt_market_neutral: LeveragedMarketNeutralParams;
  ml_btc_directional_usdt_margin: DirectionalParams;
  ml_btc_directional_btc_margin: DirectionalParams;
}

/** Validated parameters of any mode. */
export type AnyModeParams = ModeParamsMap[ModeId];

const SCHEMAS = {
  pure_lending_usdt: lendingParamsSchema,
  pure_lending_eth: lendingParamsSchema,
  btc_basis: basisParamsSchema,
  eth_basis: basisParamsSchema,
  eth_staking_only: stakingParamsSchema,
  eth_leveraged: leveragedParamsSchema,
  usdt_market_neutral_no_leverage: marketNeutralParamsSchema,
  usdt_market_neutral: leveragedMarketNeutralParamsSchema,
  ml_btc_directional_usdt_margin: directionalParamsSchema,
  ml_btc_directional_btc_margin: directionalParamsSchema,
} as const satisfies Record<ModeId, z.ZodType>;

export type ModeSchema<M extends ModeId> = (typeof SCHEMAS)[M];

/** The zod schema of a mode's parameters (defaults, bounds, `.describe()` texts). */
export function getModeSchema<M extends ModeId>(mode: M): ModeSchema<M> {
  return SCHEMAS[mode];
}

/** Resolves an id or alias to a mode id, or null when unknown. */
export function resolveModeId(id: string): ModeId | null {
  if ((MODE_IDS as readonly string[]).includes(id)) return id as ModeId;
  return MODE_ALIASES[id] ?? null;
}
