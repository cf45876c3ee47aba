// "Stale since" for as-of reads inside a gap: prices are never filled, the consumer is told how old the value is.

import { asOfIndex, type Series } from "../series";

/**
 * Time of the observation an as-of read at `t` returns, when that observation is at least
 * `maxAgeMs` old (the read falls in a gap); null when it is fresh or when `t` precedes the series.
 */
export function staleSince(series: Series, t: number, maxAgeMs: number): number | null {
  const i = asOfIndex(series.time, t);
  if (i < 0) return null;
  const obs = series.time[i] as number;
  return t - obs >= maxAgeMs ? obs : null;
}
