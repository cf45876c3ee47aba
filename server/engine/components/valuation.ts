// How each declared position key is valued (domain §2.2, §4.5): quantity × index × price, factors
// ordered index → price, in share-class currency; perps have no value of their own.
import type { PositionKey } from "../core/position-keys";
import { DELTA_ASSETS, POSITION_VENUES, type ShareClass } from "../types";

export interface SlotValuation {
  /** AAVE index for receipts (aToken: liquidity, debtToken: borrow), else null. */
  readonly index: Float64Array | null;
  /** Share-class price of one unit of the underlying; null for perps (valued through venue USDT). */
  readonly price: Float64Array | null;
  /** +1 assets, −1 debts. */
  readonly sign: 1 | -1;
  /** Attribution term index of index growth: 1 lendingInterest, 2 borrowCost. */
  readonly indexTerm: 1 | 2;
  /** Index into POSITION_VENUES. */
  readonly venue: number;
  /** Index into DELTA_ASSETS of the asset this key carries delta in, or −1. */
  readonly deltaAsset: number;
  /** Idle share-class currency (counts as cash, not as deployed exposure). */
  readonly isCash: boolean;
  readonly isPerp: boolean;
}

/** Underlying asset of a key symbol: aUSDT → USDT, aWETH/debtWETH/WETH → ETH, BTCUSDT perp → BTC. */
export function underlyingOf(key: PositionKey): string {
  if (key.type === "Perp") return key.symbol.replace(/USDT$/, "");
  let s = key.symbol;
  if (key.type === "aToken") s = s.slice(1);
  if (key.type === "debtToken") s = s.replace(/^debt/, "");
  return s === "WETH" ? "ETH" : s;
}

export function buildSlotValuation(
  key: PositionKey,
  shareClass: ShareClass,
  priceOf: (asset: string) => Float64Array,
  indexOf: (key: PositionKey) => Float64Array | null,
): SlotValuation {
  const asset = underlyingOf(key);
  const isPerp = key.type === "Perp";
  return {
    index: key.type === "aToken" || key.type === "debtToken" ? indexOf(key) : null,
    price: isPerp ? null : priceOf(asset),
    sign: key.type === "debtToken" ? -1 : 1,
    indexTerm: key.type === "debtToken" ? 2 : 1,
    venue: (POSITION_VENUES as readonly string[]).indexOf(key.venue),
    deltaAsset: (DELTA_ASSETS as readonly string[]).indexOf(asset),
    isCash: key.type === "BaseToken" && asset === shareClass,
    isPerp,
  };
}
