// How each declared position key is valued (domain §2.2, §4.5): quantity × index × price, factors
// ordered index → price, in share-class currency; perps have no value of their own.
import type { PositionKey } from "../core/position-keys";
import { DELTA_ASSETS, POSITION_VENUES, type ShareClass } from "../types";

export interface SlotValuation {
  /** AAVE index for receipts (aToken: liquidity, debtToken: borrow), else null. */
  readonly index: Float64Array | null;
  /** LST exchange rate `r` (ETH per token) for LSTs and LST receipts, else null. */
  readonly rate: Float64Array | null;
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

/** Liquid staking tokens: valued in ETH through their exchange rate `r`. */
export const LST_SYMBOLS: ReadonlySet<string> = new Set(["weETH", "wstETH"]);

/** Token a key holds: aUSDT → USDT, debtWETH → WETH, aweETH → weETH, BTCUSDT perp → BTC. */
export function tokenOf(key: PositionKey): string {
  if (key.type === "Perp") return key.symbol.replace(/USDT$/, "");
  if (key.type === "aToken") return key.symbol.slice(1);
  if (key.type === "debtToken") return key.symbol.replace(/^debt/, "");
  return key.symbol;
}

/** Priced asset of a key: WETH and LSTs are ETH (LSTs through `r`), others their own token. */
export function underlyingOf(key: PositionKey): string {
  const t = tokenOf(key);
  return t === "WETH" || LST_SYMBOLS.has(t) ? "ETH" : t;
}

export function buildSlotValuation(
  key: PositionKey,
  shareClass: ShareClass,
  priceOf: (asset: string) => Float64Array,
  indexOf: (key: PositionKey) => Float64Array | null,
  rateOf: (lst: string) => Float64Array | null = () => null,
): SlotValuation {
  const asset = underlyingOf(key);
  const token = tokenOf(key);
  const isPerp = key.type === "Perp";
  return {
    index: key.type === "aToken" || key.type === "debtToken" ? indexOf(key) : null,
    rate: LST_SYMBOLS.has(token) ? rateOf(token) : null,
    price: isPerp ? null : priceOf(asset),
    sign: key.type === "debtToken" ? -1 : 1,
    indexTerm: key.type === "debtToken" ? 2 : 1,
    venue: (POSITION_VENUES as readonly string[]).indexOf(key.venue),
    deltaAsset: (DELTA_ASSETS as readonly string[]).indexOf(asset),
    isCash: key.type === "BaseToken" && asset === shareClass,
    isPerp,
  };
}
