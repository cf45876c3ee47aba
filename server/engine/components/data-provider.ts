// Data provider: aligns the market data onto the run's tick grid once at wiring (as-of ≤ t, bar
// opens, stale closes carried forward, geometric index interpolation) so a snapshot at tick k is a
// plain array read. Validates coverage (DATA-003), values (DATA-002) and staleness (DATA-004).
import { asOfIndex, type MarketData, type Series } from "@/server/market-data/series";
import { EngineComponent } from "../core/component";
import { HOUR_MS } from "../core/clock";
import { EngineError } from "../core/errors";
import { interpolateIndex } from "../math/aave";

export interface AlignedPrice {
  readonly values: Float64Array;
  /** 1 where the value is the last close carried forward (no bar opened at t). */
  readonly stale: Uint8Array;
}

export interface CoverageProblem {
  readonly series: string;
  readonly problem: string;
}

/** Coverage of a series over [start, end]: starts by start, ends within `slackMs` of end, no gap > maxGapMs inside. */
export function checkCoverage(series: Series | undefined, id: string, start: number, end: number, slackMs: number, maxGapMs: number): CoverageProblem | null {
  if (!series || series.time.length === 0) return { series: id, problem: "missing from the data set" };
  const time = series.time;
  const first = time[0] as number;
  const last = time[time.length - 1] as number;
  if (first > start) return { series: id, problem: `starts ${new Date(first).toISOString()}, after the window start ${new Date(start).toISOString()}` };
  if (last < end - slackMs) return { series: id, problem: `ends ${new Date(last).toISOString()}, before the window end ${new Date(end).toISOString()}` };
  let i = Math.max(0, asOfIndex(time, start));
  for (; i + 1 < time.length && (time[i] as number) < end; i++) {
    const gap = (time[i + 1] as number) - (time[i] as number);
    if (gap > maxGapMs) return { series: id, problem: `has a ${gap / HOUR_MS} h gap from ${new Date(time[i] as number).toISOString()}` };
  }
  return null;
}

export class DataProvider extends EngineComponent {
  readonly data: MarketData;
  readonly start: number;
  readonly end: number;
  readonly stepMs: number;
  readonly n: number;
  readonly maxStaleMs: number;
  /** OR of every aligned price's stale flag per tick. */
  readonly stale: Uint8Array;
  private readonly cache = new Map<string, Float64Array>();

  constructor(data: MarketData, start: number, end: number, stepMs: number, maxStaleHours: number) {
    super("data-provider");
    this.data = data;
    this.start = start;
    this.end = end;
    this.stepMs = stepMs;
    this.n = (end - start) / stepMs + 1;
    this.maxStaleMs = maxStaleHours * HOUR_MS;
    this.stale = new Uint8Array(this.n);
  }

  series(id: string): Series {
    const s = this.data.series.get(id);
    if (!s) throw new EngineError("DATA-003", `series ${id} is missing from data set ${this.data.name}`);
    return s;
  }

  private field(s: Series, name: string): Float64Array {
    const f = s.fields[name];
    if (!f) throw new EngineError("DATA-002", `series ${s.id} has no field ${name}`);
    return f;
  }

  /** Time of tick k. */
  timeAt(k: number): number {
    return this.start + k * this.stepMs;
  }

  /**
   * Price at each tick: the open of the bar starting at t, else the last close (stale). Fails on
   * a non-positive or NaN price (DATA-002), on a tick before the series (DATA-003) and on
   * staleness beyond maxStaleHours (DATA-004).
   */
  priceOpen(id: string): Float64Array {
    const key = `open|${id}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const s = this.series(id);
    const open = this.field(s, "open");
    const close = this.field(s, "close");
    const out = new Float64Array(this.n);
    const time = s.time;
    let i = asOfIndex(time, this.start);
    if (i < 0) throw new EngineError("DATA-003", `series ${id} starts after the window start`);
    for (let k = 0; k < this.n; k++) {
      const t = this.start + k * this.stepMs;
      while (i + 1 < time.length && (time[i + 1] as number) <= t) i++;
      const ti = time[i] as number;
      let v: number;
      if (ti === t) v = open[i] as number;
      else {
        v = close[i] as number;
        this.stale[k] = 1;
        if (t - ti > this.maxStaleMs) throw new EngineError("DATA-004", `series ${id} has no bar for ${(t - ti) / HOUR_MS} h at ${new Date(t).toISOString()}`);
      }
      if (!(v > 0)) throw new EngineError("DATA-002", `series ${id} has price ${v} at ${new Date(t).toISOString()}`);
      out[k] = v;
    }
    this.cache.set(key, out);
    return out;
  }

  /** Value as of t (last observation ≤ t), positive and finite; used for gas. */
  asOf(id: string, fieldName: string): Float64Array {
    const key = `asof|${id}|${fieldName}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const s = this.series(id);
    const f = this.field(s, fieldName);
    const out = new Float64Array(this.n);
    const time = s.time;
    let i = asOfIndex(time, this.start);
    if (i < 0) throw new EngineError("DATA-003", `series ${id} starts after the window start`);
    for (let k = 0; k < this.n; k++) {
      const t = this.start + k * this.stepMs;
      while (i + 1 < time.length && (time[i + 1] as number) <= t) i++;
      const v = f[i] as number;
      if (!Number.isFinite(v) || v < 0) throw new EngineError("DATA-002", `series ${id}.${fieldName} is ${v} at ${new Date(t).toISOString()}`);
      out[k] = v;
    }
    this.cache.set(key, out);
    return out;
  }

  /**
   * A cumulative AAVE index at each tick: exact where observed, geometric interpolation between
   * observations (domain §3.2), held flat after the last. Fails when it falls (DATA-002).
   */
  index(id: string, fieldName: "liquidityIndex" | "variableBorrowIndex"): Float64Array {
    const key = `index|${id}|${fieldName}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const s = this.series(id);
    const f = this.field(s, fieldName);
    const out = new Float64Array(this.n);
    const time = s.time;
    let i = asOfIndex(time, this.start);
    if (i < 0) throw new EngineError("DATA-003", `series ${id} starts after the window start`);
    let prev = 0;
    for (let k = 0; k < this.n; k++) {
      const t = this.start + k * this.stepMs;
      while (i + 1 < time.length && (time[i + 1] as number) <= t) i++;
      const ti = time[i] as number;
      const vi = f[i] as number;
      const v = ti === t || i + 1 >= time.length ? vi : interpolateIndex(ti, vi, time[i + 1] as number, f[i + 1] as number, t);
      if (!(v > 0) || v < prev * (1 - 1e-12)) throw new EngineError("DATA-002", `index ${id}.${fieldName} is ${v} (previous ${prev}) at ${new Date(t).toISOString()}`);
      out[k] = v;
      prev = v;
    }
    this.cache.set(key, out);
    return out;
  }

  /**
   * Funding rate at settlement ticks (00/08/16 UTC) when the series has a settlement in (t − 1h, t];
   * NaN elsewhere, so no payment is made at other hours.
   */
  funding(id: string): Float64Array {
    const key = `funding|${id}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const s = this.series(id);
    const rate = this.field(s, "rate");
    const out = new Float64Array(this.n).fill(Number.NaN);
    const time = s.time;
    let i = asOfIndex(time, this.start);
    for (let k = 0; k < this.n; k++) {
      const t = this.start + k * this.stepMs;
      while (i + 1 < time.length && (time[i + 1] as number) <= t) i++;
      if (t % (8 * HOUR_MS) !== 0 || i < 0) continue;
      const ti = time[i] as number;
      if (t - ti < HOUR_MS) {
        const v = rate[i] as number;
        if (!Number.isFinite(v)) throw new EngineError("DATA-002", `funding ${id} is ${v} at ${new Date(ti).toISOString()}`);
        out[k] = v;
      }
    }
    this.cache.set(key, out);
    return out;
  }

  /** Trailing settlements ≤ t of a funding series (index of the last one), for funding filters. */
  lastSettlementIndex(id: string, t: number): number {
    return asOfIndex(this.series(id).time, t);
  }

  /** A constant array (e.g. the USDT price in a USDT share class). */
  constant(value: number): Float64Array {
    const key = `const|${value}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out = new Float64Array(this.n).fill(value);
    this.cache.set(key, out);
    return out;
  }

  /** Element-wise a/b (e.g. USDT per ETH → ETH per USDT), cached by name. */
  ratio(name: string, a: Float64Array, b: Float64Array): Float64Array {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const out = new Float64Array(this.n);
    for (let k = 0; k < this.n; k++) out[k] = (a[k] as number) / (b[k] as number);
    this.cache.set(name, out);
    return out;
  }
}
