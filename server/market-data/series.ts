// The canonical in-memory market data model: columnar Float64Arrays the engine reads directly.
// Isomorphic (no Node or DB imports) so the engine, CLI, API and UI can all use these types.

/** Series kinds; the id of a series is `<kind>:<...>` (see server/market-data/README.md). */
export const SERIES_KINDS = [
  "spot",
  "perp",
  "funding",
  "aave",
  "lst",
  "lstMarket",
  "gas",
  "rewards",
  "benchmark",
  "costs",
] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

/** Field names per kind, in storage order. Optional fields (e.g. perp `mark`) may be absent. */
export const SERIES_FIELDS: Record<SeriesKind, readonly string[]> = {
  spot: ["open", "high", "low", "close", "volume"],
  perp: ["open", "high", "low", "close", "volume", "mark"],
  funding: ["rate"],
  aave: ["liquidityIndex", "variableBorrowIndex", "supplyApr", "borrowApr", "oraclePriceUsd"],
  lst: ["ethPerToken"],
  lstMarket: ["ethPerToken"],
  gas: ["gasPriceGwei", "baseFeeGwei", "priorityFeeP25Gwei", "priorityFeeP50Gwei", "priorityFeeP75Gwei"],
  rewards: ["dailyYield"],
  benchmark: ["apr", "apy", "rewardApy"],
  // modelled execution cost in basis points per trade-size bucket (10k / 100k / 1m USD)
  costs: ["bps10k", "bps100k", "bps1m"],
};

/**
 * One series: `time` holds UTC epoch milliseconds, sorted and strictly increasing; every array in
 * `fields` has the same length as `time` and holds no NaN.
 */
export interface Series {
  readonly id: string;
  readonly kind: SeriesKind;
  readonly time: Float64Array;
  readonly fields: Readonly<Record<string, Float64Array>>;
}

export type DatasetSource = "real" | "synthetic" | "downloaded";

/** A whole data set as loaded for the engine. */
export interface MarketData {
  readonly name: string;
  readonly version: number;
  readonly source: DatasetSource;
  readonly series: ReadonlyMap<string, Series>;
}

/** Parses `<kind>:<rest>` and returns the kind, or null when the id is not a known kind. */
export function seriesKindOf(id: string): SeriesKind | null {
  const kind = id.split(":", 1)[0];
  return (SERIES_KINDS as readonly string[]).includes(kind ?? "") ? (kind as SeriesKind) : null;
}

/** Index of the last element with time <= t (as-of lookup), or -1 when t precedes the series. */
export function asOfIndex(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length - 1;
  if (hi < 0 || (time[0] as number) > t) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((time[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
