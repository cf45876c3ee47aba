// Pure perp and CEX margin formulas (domain §3.6, §3.7, §3.8).

/** Funding cash at a settlement: −size · mark · rate (a short receives when rate > 0). */
export function fundingCash(size: number, mark: number, rate: number): number {
  return -size * mark * rate;
}

/** Variation margin over one tick: size · (M_t − M_{t−1}). */
export function variationMargin(size: number, markPrev: number, mark: number): number {
  return size * (mark - markPrev);
}

/** Margin ratio B / (|size| · mark); null without a position. */
export function marginRatio(balance: number, size: number, mark: number): number | null {
  const notional = Math.abs(size) * mark;
  return notional > 0 ? balance / notional : null;
}

/** Price move a position survives before maintenance: short (1+mr)/(1+mm) − 1, long 1 − (1−mr)/(1−mm). */
export function moveToLiquidation(mr: number, mm: number, isShort: boolean): number {
  return isShort ? (1 + mr) / (1 + mm) - 1 : 1 - (1 - mr) / (1 - mm);
}

/** Basis-trade target for equity E (domain §2.6): notional N = E/(1+m) and spot Q = N/P. */
export function basisTarget(equity: number, marginTarget: number, price: number): { notional: number; quantity: number } {
  const notional = equity / (1 + marginTarget);
  return { notional, quantity: notional / price };
}

/** Long-leg sale that restores margin target m* when venue balances ΣB fall short (domain §3.8). */
export function marginSupportSale(shortSize: number, mark: number, totalBalance: number, spot: number, marginTarget: number): number {
  const need = marginTarget * shortSize * mark - totalBalance;
  return need > 0 ? need / (spot + marginTarget * mark) : 0;
}
