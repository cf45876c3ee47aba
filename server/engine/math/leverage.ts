// Pure leverage-loop formulas (domain §2.9, §3.3, §3.4, §3.8): target LTV, closed-form positions,
// the recursive loop they converge to, HF / liquidation distance and the atomic re-lever / delever sizes.

/** Target LTV λ = maxLtv·(1 − maxStakeSpreadMove) (domain §2.9: 0.93·(1 − 0.02215) = 0.9094005). */
export function targetLtv(maxLtv: number, maxStakeSpreadMove: number): number {
  return maxLtv * (1 - maxStakeSpreadMove);
}

/** Closed forms for equity E at LTV λ: collateral E/(1−λ), debt = flash size λE/(1−λ), multiplier 1/(1−λ). */
export function leveragedPosition(equity: number, ltv: number): { collateral: number; debt: number; multiplier: number } {
  return { collateral: equity / (1 - ltv), debt: (ltv * equity) / (1 - ltv), multiplier: 1 / (1 - ltv) };
}

/**
 * The recursive (legacy) loop: stake and supply, borrow λ of the new collateral, repeat while the
 * next borrow is ≥ minLoop. Returns the collateral, debt and loop count it ends with (costs ignored).
 */
export function recursiveLoop(equity: number, ltv: number, minLoop: number, maxLoops = 10_000): { collateral: number; debt: number; loops: number } {
  let collateral = 0;
  let debt = 0;
  let next = equity;
  let loops = 0;
  while (next >= minLoop && loops < maxLoops) {
    collateral += next;
    const borrow = ltv * collateral - debt;
    if (borrow < minLoop) break;
    debt += borrow;
    next = borrow;
    loops++;
  }
  return { collateral, debt, loops };
}

/** Net carry of the loop (domain §3.4): (y − bλ)/(1 − λ). */
export function leveragedYield(collateralYield: number, borrowRate: number, ltv: number): number {
  return (collateralYield - borrowRate * ltv) / (1 - ltv);
}

/** HF at LTV λ: LT/λ. */
export function healthFactorAtLtv(liquidationThreshold: number, ltv: number): number {
  return liquidationThreshold / ltv;
}

/** Fall of the collateral/debt price ratio (LST/ETH in e-mode) that takes HF to 1: 1 − 1/HF. */
export function collateralDropToLiquidation(hf: number): number {
  return 1 - 1 / hf;
}

/** Re-lever (domain §3.8): WETH to borrow, stake and supply to bring LTV up to λ: (λC − D)/(1 − λ). */
export function releverAmount(collateral: number, debt: number, ltv: number): number {
  return (ltv * collateral - debt) / (1 - ltv);
}

/**
 * Atomic delever to λ (domain §3.8): flash and repay y = (D − λC)/(1 − λ/k), withdraw y/k ETH worth
 * of LST and swap it to repay the flash; k = ETH received per ETH of collateral withdrawn, after the
 * DEX rate, its cost and the flash fee (k = (m/r)(1−c)/(1+φ)).
 */
export function deleverAmount(collateral: number, debt: number, ltv: number, k: number): number {
  return (debt - ltv * collateral) / (1 - ltv / k);
}

/**
 * Releasing net ETH x and landing at LTV λ with unwind costs (the exact form of §3.8's constant-λ
 * release): repay R = (D − λC + λx/k)/(1 − λ(1+φ)/k) and withdraw (R(1+φ) + x)/k of collateral, where
 * k is the ETH received per ETH of collateral swapped. At D = λC, k = 1, φ = 0 this is λx/(1−λ).
 */
export function releaseRepay(collateral: number, debt: number, ltv: number, x: number, k: number, flashFee: number): number {
  return (debt - ltv * collateral + (ltv * x) / k) / (1 - (ltv * (1 + flashFee)) / k);
}

/**
 * Releasing net ETH x at constant λ (domain §3.8, ATOMIC_DELEVERAGE_TWO_SWAPS): repay λx/(1−λ) and
 * withdraw x/(1−λ) of collateral (costs ignored: the caller sizes the swap from what it receives).
 */
export function releaseAtConstantLtv(x: number, ltv: number): { repay: number; withdraw: number } {
  return { repay: (ltv * x) / (1 - ltv), withdraw: x / (1 - ltv) };
}
