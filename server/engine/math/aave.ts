// Pure AAVE v3 formulas (domain §3.2, §3.3): scaled balances, geometric index interpolation,
// health factor, liquidation distance and index-implied rates.

/** Scaled amount minted by supplying `amount` at liquidity index `index` (a = A / I). */
export function scaledFromAmount(amount: number, index: number): number {
  return amount / index;
}

/** Underlying of a scaled balance at `index` (a · I). */
export function amountFromScaled(scaled: number, index: number): number {
  return scaled * index;
}

/** Geometric interpolation between two index points: I(t) = I0 · (I1/I0)^((t−t0)/(t1−t0)). */
export function interpolateIndex(t0: number, i0: number, t1: number, i1: number, t: number): number {
  if (t1 <= t0 || t <= t0) return i0;
  if (t >= t1) return i1;
  return i0 * Math.pow(i1 / i0, (t - t0) / (t1 - t0));
}

/** HF = Σ C·LT / Σ D; null when there is no debt. */
export function healthFactor(collateralValue: number, liquidationThreshold: number, debtValue: number): number | null {
  if (!(debtValue > 0)) return null;
  return (collateralValue * liquidationThreshold) / debtValue;
}

/** Drop in the collateral/debt price ratio that takes HF to 1: 1 − 1/HF (null without debt). */
export function aaveLiquidationDistance(hf: number | null): number | null {
  return hf === null ? null : 1 - 1 / hf;
}

/** APY implied by an index ratio over `days`: G^(365/days) − 1. */
export function apyFromIndexRatio(ratio: number, days: number): number {
  return Math.pow(ratio, 365 / days) - 1;
}
