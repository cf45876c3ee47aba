// Synthetic hourly price paths: a fat-tailed GARCH(1,1) log walk per underlying with intra-hour
// Brownian-bridge extremes, and venue OHLCV bars derived from it (spot with tiny venue noise,
// perps with a small basis).
import type { Rng } from "./rng";

const HOURS_PER_YEAR = 8760;
/** Intra-hour points used for high/low (bridge between open and close). */
const SUBSTEPS = 4;

export interface UnderlyingParams {
  readonly startPrice: number;
  /** Target annualised volatility of hourly log returns. */
  readonly annualVol: number;
}

/** A path sampled at the n + 1 hour boundaries, plus the intra-hour extremes of each of the n hours. */
export interface UnderlyingPath {
  /** price at boundary k (k = 0..n): open of hour k, close of hour k - 1 */
  readonly level: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  /** conditional hourly stdev of the log return in hour k (drives volume) */
  readonly sigma: Float64Array;
}

/**
 * Simulates correlated underlyings: each hour, shocks are Student-t(4) (fat tails) mixed to
 * correlation `correlation` between the first underlying and each other one; variance follows
 * GARCH(1,1) with persistence alpha + beta = 0.98, targeting each annual vol.
 */
export function simulateUnderlyings(
  n: number,
  params: readonly UnderlyingParams[],
  correlation: number,
  shockRng: Rng,
  bridgeRng: Rng,
): UnderlyingPath[] {
  const alpha = 0.06;
  const beta = 0.92;
  const m = params.length;
  const paths: UnderlyingPath[] = params.map(() => ({
    level: new Float64Array(n + 1),
    high: new Float64Array(n),
    low: new Float64Array(n),
    sigma: new Float64Array(n),
  }));
  const uncond = params.map((p) => (p.annualVol * p.annualVol) / HOURS_PER_YEAR);
  const h = uncond.slice();
  const lastR = new Float64Array(m);
  const logLevel = params.map((p) => Math.log(p.startPrice));
  const rho = correlation;
  const rhoC = Math.sqrt(1 - rho * rho);
  const bridge = new Float64Array(SUBSTEPS + 1);
  for (let j = 0; j < m; j++) (paths[j] as UnderlyingPath).level[0] = (params[j] as UnderlyingParams).startPrice;

  for (let k = 0; k < n; k++) {
    const common = shockRng.studentT(4);
    for (let j = 0; j < m; j++) {
      const path = paths[j] as UnderlyingPath;
      const u = uncond[j] as number;
      const hj = k === 0 ? u : u * (1 - alpha - beta) + alpha * (lastR[j] as number) ** 2 + beta * (h[j] as number);
      h[j] = hj;
      const shock = j === 0 ? common : rho * common + rhoC * shockRng.studentT(4);
      const sd = Math.sqrt(hj);
      // -h/2 keeps the price a martingale in expectation
      const r = sd * shock - hj / 2;
      lastR[j] = r;
      path.sigma[k] = sd;

      // Brownian bridge from 0 to r for the intra-hour extremes
      const stepSd = sd / Math.sqrt(SUBSTEPS);
      bridge[0] = 0;
      for (let s = 1; s <= SUBSTEPS; s++) bridge[s] = (bridge[s - 1] as number) + stepSd * bridgeRng.normal();
      const end = bridge[SUBSTEPS] as number;
      let hi = Math.max(0, r);
      let lo = Math.min(0, r);
      for (let s = 1; s < SUBSTEPS; s++) {
        const x = (bridge[s] as number) - (s / SUBSTEPS) * end + (s / SUBSTEPS) * r;
        if (x > hi) hi = x;
        if (x < lo) lo = x;
      }
      const base = logLevel[j] as number;
      path.high[k] = Math.exp(base + hi);
      path.low[k] = Math.exp(base + lo);
      logLevel[j] = base + r;
      path.level[k + 1] = Math.exp(base + r);
    }
  }
  return paths;
}

export interface BarOptions {
  /** Multiplicative premium over the underlying at each boundary k = 0..n (perp basis); zeros for spot. */
  readonly basis?: Float64Array;
  /** stdev of the per-boundary venue price noise (fraction) */
  readonly noise: number;
  /** median hourly volume in base-asset units */
  readonly baseVolume: number;
  /** also emit `mark` = underlying × (1 + basis) at bar open */
  readonly withMark: boolean;
}

/** Builds a venue's OHLCV (and mark) bars from an underlying path. close(k) = open(k + 1) exactly. */
export function buildBars(path: UnderlyingPath, opts: BarOptions, rng: Rng): Record<string, Float64Array> {
  const n = path.high.length;
  const px = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    const b = opts.basis ? (opts.basis[k] as number) : 0;
    px[k] = (path.level[k] as number) * (1 + b + opts.noise * rng.normal());
  }
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const mark = opts.withMark ? new Float64Array(n) : null;
  for (let k = 0; k < n; k++) {
    const o = px[k] as number;
    const c = px[k + 1] as number;
    const b0 = opts.basis ? (opts.basis[k] as number) : 0;
    const b1 = opts.basis ? (opts.basis[k + 1] as number) : 0;
    open[k] = o;
    close[k] = c;
    high[k] = Math.max((path.high[k] as number) * (1 + Math.max(b0, b1)), o, c);
    low[k] = Math.min((path.low[k] as number) * (1 + Math.min(b0, b1)), o, c);
    const move = Math.abs(Math.log(path.level[k + 1] as number / (path.level[k] as number))) / (path.sigma[k] as number);
    // volume rises with the size of the move relative to the current volatility
    volume[k] = opts.baseVolume * Math.exp(0.35 * rng.normal()) * (0.6 + 0.5 * move);
    if (mark) mark[k] = (path.level[k] as number) * (1 + b0);
  }
  const out: Record<string, Float64Array> = { open, high, low, close, volume };
  if (mark) out.mark = mark;
  return out;
}
