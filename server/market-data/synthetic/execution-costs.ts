// Synthetic execution costs: the same modelled cost table the real data ships
// (execution_costs_lookup.json is a model, constant over time), as daily `costs:<PAIR>` series so
// modes that price trades find the same ids in synthetic and real data sets.

const DAY_MS = 86_400_000;

/** Cost in bp for trade sizes 10k / 100k / 1m USD, per pair (pair names as in the real lookup table). */
export const MODELLED_COST_BPS: Readonly<Record<string, readonly [number, number, number]>> = {
  ETH_USDT: [5, 7, 13],
  ETH_wstETH: [15, 18, 27],
  ETH_weETH: [20, 24, 35],
  ETH_stETH: [10, 12, 18],
  ETH_eETH: [25, 30, 45],
  EIGEN_USDT: [8, 13, 28],
  ETHFI_USDT: [12, 20, 42],
  EIGEN_ETH: [10, 16, 35],
  ETHFI_ETH: [15, 25, 50],
  "ETHUSDT-PERP": [3, 4, 8],
  "BTCUSDT-PERP": [3, 4, 8],
};

export interface CostSeries {
  readonly pair: string;
  readonly time: Float64Array;
  readonly fields: { bps10k: Float64Array; bps100k: Float64Array; bps1m: Float64Array };
}

/** One row per UTC midnight in [start, end]. */
export function buildExecutionCosts(start: number, end: number): CostSeries[] {
  const first = Math.ceil(start / DAY_MS) * DAY_MS;
  const days = Math.floor((end - first) / DAY_MS) + 1;
  const time = new Float64Array(days);
  for (let i = 0; i < days; i++) time[i] = first + i * DAY_MS;
  return Object.entries(MODELLED_COST_BPS).map(([pair, [a, b, c]]) => ({
    pair,
    time,
    fields: { bps10k: new Float64Array(days).fill(a), bps100k: new Float64Array(days).fill(b), bps1m: new Float64Array(days).fill(c) },
  }));
}
