// Largest-Triangle-Three-Buckets downsampling: keeps the visual shape of a long series in at most
// `threshold` points, so the browser renders ~2k points per chart instead of 15k+ (stack-notes §8).

/**
 * Returns the indexes of the points LTTB keeps (always the first and last). `x` must be increasing.
 * Indexes rather than values so several series sharing one time axis can be sampled consistently.
 */
export function lttbIndexes(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): Uint32Array {
  const n = x.length;
  if (threshold >= n || threshold < 3) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return threshold < 3 && n > threshold ? all.slice(0, 0) : all;
  }
  const out = new Uint32Array(threshold);
  const bucket = (n - 2) / (threshold - 2);
  let a = 0;
  out[0] = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // average of the next bucket is the third triangle vertex
    const nextStart = Math.floor((i + 1) * bucket) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucket) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x[j] as number;
      avgY += y[j] as number;
    }
    const len = nextEnd - nextStart;
    avgX /= len;
    avgY /= len;
    const start = Math.floor(i * bucket) + 1;
    const end = Math.floor((i + 1) * bucket) + 1;
    const ax = x[a] as number;
    const ay = y[a] as number;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * ((y[j] as number) - ay) - (ax - (x[j] as number)) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[i + 1] = best;
    a = best;
  }
  out[threshold - 1] = n - 1;
  return out;
}

/**
 * Picks one index set for several series on a shared axis: the union of each series' LTTB picks,
 * thinned evenly if the union exceeds `threshold`, so peaks of every series survive.
 */
export function lttbIndexesMulti(x: ArrayLike<number>, ys: ArrayLike<number>[], threshold: number): Uint32Array {
  const n = x.length;
  if (n <= threshold) return lttbIndexes(x, ys[0] ?? x, n);
  if (ys.length === 0) return lttbIndexes(x, x, threshold);
  const per = Math.max(3, Math.floor(threshold / ys.length));
  const keep = new Uint8Array(n);
  for (const y of ys) for (const i of lttbIndexes(x, y, per)) keep[i] = 1;
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) picked.push(i);
  if (picked.length <= threshold) return Uint32Array.from(picked);
  const out = new Uint32Array(threshold);
  const step = (picked.length - 1) / (threshold - 1);
  for (let k = 0; k < threshold; k++) out[k] = picked[Math.round(k * step)] as number;
  return out;
}
