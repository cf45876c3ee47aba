// Pure LST formulas (domain §3.5): mint and value at the exchange rate r, staking yield as the rate
// ratio (never a base-yield series on top), DEX exit at the market rate m, peg premium.

/** LST units minted by staking `eth` at rate r (ETH per LST): u = ETH/r. */
export function lstMinted(eth: number, rate: number): number {
  return eth / rate;
}

/** ETH value of `units` LST at rate r. */
export function lstValueEth(units: number, rate: number): number {
  return units * rate;
}

/** Staking yield over a window: r_end/r_start − 1. */
export function stakingYield(rateStart: number, rateEnd: number): number {
  return rateEnd / rateStart - 1;
}

/** ETH received selling `units` on a DEX at market rate m with all-in cost c. */
export function dexExitEth(units: number, marketRate: number, cost: number): number {
  return units * marketRate * (1 - cost);
}

/** Peg premium m/r − 1 (negative = discount). */
export function pegPremium(marketRate: number, rate: number): number {
  return marketRate / rate - 1;
}
