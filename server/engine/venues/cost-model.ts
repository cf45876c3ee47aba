// Fee, slippage and gas model of the simulated venues (domain §3.9): slippage by notional bucket,
// taker fees per CEX, gas units per on-chain action.
import type { CexVenue } from "../types";

/** Slippage in bps for the 10k / 100k / 1m buckets. */
const SPOT_SLIPPAGE_BPS: Readonly<Record<string, readonly [number, number, number]>> = {
  ETH: [5, 7, 13],
};
/** A pair missing from the table defaults to 7 bps in every bucket. */
const DEFAULT_SPOT_SLIPPAGE_BPS = [7, 7, 7] as const;
const PERP_SLIPPAGE_BPS = [3, 4, 8] as const;

export const TAKER_FEE: Readonly<Record<CexVenue, number>> = { binance: 0.001, bybit: 0.0006, okx: 0.001 };

export const GAS_UNITS = {
  APPROVAL_ONCE: 55_000,
  SET_EMODE_ONCE: 55_000,
  VENUE_TRANSFER: 100_000,
  STAKE_DEPOSIT: 150_000,
  UNWRAP_KING_TOKEN: 150_000,
  TOKEN_SWAP: 180_000,
  STAKE_WITHDRAWAL: 200_000,
  COLLATERAL_WITHDRAWN: 220_000,
  COLLATERAL_SUPPLIED: 250_000,
  LOAN_REPAID: 280_000,
  LOAN_CREATED: 300_000,
  ATOMIC_DELEVERAGE_ONE_SWAP: 850_000,
  ATOMIC_DELEVERAGE_TWO_SWAPS: 1_100_000,
  ATOMIC_ENTRY: 1_250_000,
} as const;
export type GasAction = keyof typeof GAS_UNITS;

/** Minimum CEX order and transfer, USDT. */
export const MIN_ORDER_USDT = 10;

function bucket(notionalUsdt: number): 0 | 1 | 2 {
  return notionalUsdt < 50_000 ? 0 : notionalUsdt < 500_000 ? 1 : 2;
}

export interface CostModel {
  readonly enabled: boolean;
  readonly gasCostMultiplier: number;
  /** Slippage fraction of a spot trade of `notionalUsdt`. */
  spotSlippage(asset: string, notionalUsdt: number): number;
  perpSlippage(notionalUsdt: number): number;
  takerFee(venue: CexVenue): number;
  /** Gas in ETH for `units` at `gwei`. */
  gasEth(units: number, gwei: number): number;
}

export function createCostModel(enabled: boolean, gasCostMultiplier: number): CostModel {
  return {
    enabled,
    gasCostMultiplier,
    spotSlippage(asset, notionalUsdt) {
      if (!enabled) return 0;
      const t = SPOT_SLIPPAGE_BPS[asset] ?? DEFAULT_SPOT_SLIPPAGE_BPS;
      return (t[bucket(notionalUsdt)] as number) * 1e-4;
    },
    perpSlippage(notionalUsdt) {
      return enabled ? (PERP_SLIPPAGE_BPS[bucket(notionalUsdt)] as number) * 1e-4 : 0;
    },
    takerFee(venue) {
      return enabled ? TAKER_FEE[venue] : 0;
    },
    gasEth(units, gwei) {
      return enabled ? gwei * 1e-9 * units * gasCostMultiplier : 0;
    },
  };
}
