// Tests for the synthetic data set: determinism (byte-identical per seed), the canonical series
// invariants, and calibration bounds against the statistics the generator claims to reproduce.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERIES_FIELDS, seriesKindOf, type MarketData, type Series } from "../series";
import { borrowAprAt, type ReserveParams } from "./aave-reserves";
import { pinFunding } from "./funding-premium";
import { generateSyntheticData } from "./generate";
import { createRng } from "./rng";
import { aprFromApy, interpolateDailyToHourly } from "./yield-series";

const HOUR_MS = 3_600_000;

/** SHA-256 over every series (sorted by id), its time bytes and its field bytes in storage order. */
function hashMarketData(d: MarketData): string {
  const h = createHash("sha256");
  for (const id of [...d.series.keys()].sort()) {
    const s = d.series.get(id) as Series;
    h.update(id);
    h.update(new Uint8Array(s.time.buffer, s.time.byteOffset, s.time.byteLength));
    for (const f of SERIES_FIELDS[s.kind]) {
      const a = s.fields[f];
      if (!a) continue;
      h.update(f);
      h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
  }
  return h.digest("hex");
}

function field(d: MarketData, id: string, f: string): Float64Array {
  const a = d.series.get(id)?.fields[f];
  if (!a) throw new Error(`missing ${id}.${f}`);
  return a;
}

const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s / a.length;
};
const stdev = (a: ArrayLike<number>): number => {
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - m) ** 2;
  return Math.sqrt(s / (a.length - 1));
};
const corr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    s += x * y;
    sa += x * x;
    sb += y * y;
  }
  return s / Math.sqrt(sa * sb);
};
const logReturns = (c: Float64Array): Float64Array => {
  const r = new Float64Array(c.length - 1);
  for (let i = 1; i < c.length; i++) r[i - 1] = Math.log((c[i] as number) / (c[i - 1] as number));
  return r;
};
const excessKurtosis = (r: Float64Array): number => {
  const m = mean(r);
  const s = stdev(r);
  let k = 0;
  for (const x of r) k += ((x - m) / s) ** 4;
  return k / r.length - 3;
};
const median = (a: Iterable<number>): number => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] as number;
};

const minOf = (a: ArrayLike<number>): number => {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) m = Math.min(m, a[i] as number);
  return m;
};
const maxOf = (a: ArrayLike<number>): number => {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i] as number);
  return m;
};

const base = generateSyntheticData();

describe("synthetic data set: determinism", () => {
  it("gives byte-identical arrays for the same seed", () => {
    const again = generateSyntheticData({ seed: 42 });
    expect(hashMarketData(again)).toBe(hashMarketData(base));
  });

  it("keeps the default data set stable across runs, machines and time zones (golden hash)", () => {
    // Stored data sets and saved backtests refer to "synthetic seed 42"; a change here must be deliberate
    // (update the hash and say so in the commit).
    expect(hashMarketData(base)).toBe("f68c970516d617fe8f6b0e8d3491f1ff86d2307501740fc9e949a075cb8c3329");
  });

  it("gives different arrays for a different seed", () => {
    expect(hashMarketData(generateSyntheticData({ seed: 43 }))).not.toBe(hashMarketData(base));
  });

  it("keeps each component on its own random stream (a short window is a prefix of the long one)", () => {
    const short = generateSyntheticData({ seed: 42, end: "2024-01-03T00:00:00Z" });
    const a = field(short, "spot:binance:BTCUSDT", "open");
    const b = field(base, "spot:binance:BTCUSDT", "open").subarray(0, a.length);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("rejects a start that is not on the hour and a window under a day", () => {
    expect(() => generateSyntheticData({ start: "2024-01-01T00:30:00Z" })).toThrow(/on the hour/);
    expect(() => generateSyntheticData({ start: "2024-01-01T00:00:00Z", end: "2024-01-01T05:00:00Z" })).toThrow(/24 h/);
    expect(() => generateSyntheticData({ seed: -1 })).toThrow();
  });
});

describe("synthetic data set: series and invariants", () => {
  it("produces every canonical series id the real data has", () => {
    const ids = [...base.series.keys()];
    const required = [
      "spot:binance:BTCUSDT",
      "spot:bybit:ETHUSDT",
      ...["binance", "bybit", "okx"].flatMap((v) => [`perp:${v}:BTCUSDT`, `perp:${v}:ETHUSDT`, `funding:${v}:BTCUSDT`, `funding:${v}:ETHUSDT`]),
      "aave:USDT",
      "aave:WETH",
      "aave:weETH",
      "aave:wstETH",
      "lst:weETH",
      "lst:wstETH",
      "lstMarket:weETH",
      "lstMarket:wstETH",
      "gas:ethereum",
      "rewards:etherfi",
      "benchmark:susde",
      "costs:ETH_USDT",
      "costs:ETHUSDT-PERP",
      "costs:BTCUSDT-PERP",
      "costs:ETH_weETH",
      "costs:ETH_wstETH",
      "aave:weETH:hourly",
      "aave:wstETH:hourly",
      "benchmark:eeth",
      "benchmark:susde:hourly",
      "perp:binance:ETHUSDT:1m",
      "perp:bybit:ETHUSDT:1m",
      "perp:okx:ETHUSDT:1m",
    ];
    for (const id of required) expect(ids, id).toContain(id);
    expect(base.source).toBe("synthetic");
    expect(base.name).toBe("synthetic");
  });

  it("covers 2024-01-01 … 2025-09-30 hourly for the hourly series", () => {
    const t = base.series.get("spot:binance:BTCUSDT")?.time as Float64Array;
    expect(t[0]).toBe(Date.UTC(2024, 0, 1));
    expect(t[t.length - 1]).toBe(Date.UTC(2025, 8, 30, 23));
    expect(t.length).toBe((Date.UTC(2025, 8, 30, 23) - Date.UTC(2024, 0, 1)) / HOUR_MS + 1);
  });

  it("has a known kind, the kind's fields, equal lengths, strictly increasing time and no NaN", () => {
    for (const [id, s] of base.series) {
      expect(seriesKindOf(id), id).toBe(s.kind);
      expect(s.id).toBe(id);
      // the kind's primary field always, the full OHLCV for bars; further fields are optional
      const expected = s.kind === "spot" || s.kind === "perp" ? SERIES_FIELDS[s.kind].slice(0, 5) : SERIES_FIELDS[s.kind].slice(0, 1);
      for (const f of expected) expect(Object.keys(s.fields), `${id}.${f}`).toContain(f);
      for (const f of Object.keys(s.fields)) expect(SERIES_FIELDS[s.kind], `${id}.${f}`).toContain(f);
      expect(s.time.length, id).toBeGreaterThan(10);
      for (let i = 1; i < s.time.length; i++) {
        if (!((s.time[i] as number) > (s.time[i - 1] as number))) throw new Error(`${id}: time not increasing at ${i}`);
      }
      for (const [f, a] of Object.entries(s.fields)) {
        expect(a.length, `${id}.${f}`).toBe(s.time.length);
        for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new Error(`${id}.${f}[${i}] is not finite`);
      }
    }
  });

  it("has consistent OHLC bars with close(k) = open(k+1) and positive volume", () => {
    for (const [id, s] of base.series) {
      if (s.kind !== "spot" && s.kind !== "perp") continue;
      const { open, high, low, close, volume } = s.fields as Record<string, Float64Array>;
      for (let k = 0; k < s.time.length; k++) {
        const o = open?.[k] as number;
        const c = close?.[k] as number;
        if (!((high?.[k] as number) >= Math.max(o, c) && (low?.[k] as number) <= Math.min(o, c) && (low?.[k] as number) > 0)) {
          throw new Error(`${id}: bad bar at ${k}`);
        }
        if (!((volume?.[k] as number) > 0)) throw new Error(`${id}: volume at ${k}`);
        if (k + 1 < s.time.length && close?.[k] !== open?.[k + 1]) throw new Error(`${id}: close(${k}) != open(${k + 1})`);
      }
    }
  });

  it("has monotone AAVE indexes and LST exchange rates, borrow APR above supply APR", () => {
    for (const [id, s] of base.series) {
      const monotone = s.kind === "aave" ? ["liquidityIndex", "variableBorrowIndex"] : s.kind === "lst" ? ["ethPerToken"] : [];
      for (const f of monotone) {
        const a = s.fields[f] as Float64Array;
        for (let i = 1; i < a.length; i++) if ((a[i] as number) < (a[i - 1] as number)) throw new Error(`${id}.${f} falls at ${i}`);
      }
      if (s.kind === "aave") {
        const sup = s.fields.supplyApr as Float64Array;
        const bor = s.fields.borrowApr as Float64Array;
        for (let i = 0; i < sup.length; i++) if (!((sup[i] as number) >= 0 && (sup[i] as number) <= (bor[i] as number))) throw new Error(`${id}: APRs at ${i}`);
      }
    }
  });

  it("splits gas into base fee + median tip with ordered tip percentiles", () => {
    const g = base.series.get("gas:ethereum") as Series;
    const f = g.fields as Record<string, Float64Array>;
    for (let k = 0; k < g.time.length; k++) {
      const [gas, baseFee, p25, p50, p75] = [f.gasPriceGwei, f.baseFeeGwei, f.priorityFeeP25Gwei, f.priorityFeeP50Gwei, f.priorityFeeP75Gwei].map((a) => a?.[k] as number) as [number, number, number, number, number];
      if (!(Math.abs(baseFee + p50 - gas) <= 1e-9 * gas && baseFee > 0 && p25 >= 0 && p25 <= p50 && p50 <= p75)) throw new Error(`gas fields at ${k}`);
    }
  });

  it("has 1-minute ETHUSDT perp bars for the last 72 hours that agree with the hourly bars", () => {
    for (const venue of ["binance", "bybit", "okx"]) {
      const m = base.series.get(`perp:${venue}:ETHUSDT:1m`) as Series;
      const h = base.series.get(`perp:${venue}:ETHUSDT`) as Series;
      expect(m.time.length).toBe(72 * 60);
      expect(m.time[0]).toBe(Date.UTC(2025, 8, 28));
      expect(m.time[m.time.length - 1]).toBe(Date.UTC(2025, 8, 30, 23, 59));
      const k0 = h.time.length - 72;
      for (let hour = 0; hour < 72; hour++) {
        const k = k0 + hour;
        const first = hour * 60;
        const last = first + 59;
        expect(m.fields.open?.[first]).toBe(h.fields.open?.[k]);
        expect(m.fields.close?.[last]).toBe(h.fields.close?.[k]);
        let hi = -Infinity;
        let lo = Infinity;
        let vol = 0;
        for (let i = first; i <= last; i++) {
          hi = Math.max(hi, m.fields.high?.[i] as number);
          lo = Math.min(lo, m.fields.low?.[i] as number);
          vol += m.fields.volume?.[i] as number;
        }
        expect(hi).toBeLessThanOrEqual(h.fields.high?.[k] as number);
        expect(lo).toBeGreaterThanOrEqual(h.fields.low?.[k] as number);
        expect(vol).toBeCloseTo(h.fields.volume?.[k] as number, 6);
      }
    }
  });

  it("keeps benchmark apr the daily-compounding APR of apy, as the importer defines it", () => {
    for (const id of ["benchmark:susde", "benchmark:eeth", "benchmark:susde:hourly"]) {
      const s = base.series.get(id) as Series;
      const apr = s.fields.apr as Float64Array;
      const apy = s.fields.apy as Float64Array;
      const i = Math.floor(apr.length / 3);
      // the hourly series interpolates apr and apy separately (as the real pipeline did), so only close
      expect(apr[i], id).toBeCloseTo(aprFromApy(apy[i] as number), id.endsWith(":hourly") ? 5 : 10);
      expect(s.fields.rewardApy?.length).toBe(apr.length);
    }
  });

  it("settles funding at 00/08/16 UTC only", () => {
    for (const [id, s] of base.series) {
      if (s.kind !== "funding") continue;
      expect(s.time.length, id).toBe(639 * 3); // 366 + 273 days
      for (const t of s.time) if (new Date(t).getUTCHours() % 8 !== 0 || t % HOUR_MS !== 0) throw new Error(`${id}: settlement at ${new Date(t).toISOString()}`);
    }
  });
});

describe("synthetic data set: calibration", () => {
  // Several seeds, so the bounds describe the generator and not one lucky path.
  const seeds = [42, 7, 2024];
  const sets = seeds.map((seed) => (seed === 42 ? base : generateSyntheticData({ seed })));

  it.each(seeds.map((s, i) => [s, i] as const))("seed %i: BTC ≈ 55 % and ETH ≈ 70 % annual vol with fat tails, correlated", (_seed, i) => {
    const d = sets[i] as MarketData;
    const rb = logReturns(field(d, "spot:binance:BTCUSDT", "close"));
    const re = logReturns(field(d, "spot:bybit:ETHUSDT", "close"));
    const volB = stdev(rb) * Math.sqrt(8760);
    const volE = stdev(re) * Math.sqrt(8760);
    expect(volB).toBeGreaterThan(0.45);
    expect(volB).toBeLessThan(0.65);
    expect(volE).toBeGreaterThan(0.58);
    expect(volE).toBeLessThan(0.82);
    expect(volE).toBeGreaterThan(volB);
    // hourly crypto returns have excess kurtosis far above the normal's 0
    expect(excessKurtosis(rb)).toBeGreaterThan(4);
    expect(excessKurtosis(re)).toBeGreaterThan(4);
    const c = corr(rb, re);
    expect(c).toBeGreaterThan(0.65);
    expect(c).toBeLessThan(0.9);
  });

  it.each(seeds.map((s, i) => [s, i] as const))("seed %i: perps track spot within a few bp", (_seed, i) => {
    const d = sets[i] as MarketData;
    const spot = field(d, "spot:binance:BTCUSDT", "close");
    for (const venue of ["binance", "bybit", "okx"]) {
      const perp = field(d, `perp:${venue}:BTCUSDT`, "close");
      const basis = Array.from(perp, (p, k) => Math.abs(p / (spot[k] as number) - 1));
      expect(median(basis)).toBeLessThan(5e-4);
      expect(median(basis)).toBeGreaterThan(2e-5);
      // real Binance BTC: p99 11 bp, max 29 bp; fat-tailed noise allows a rare larger print
      const sorted = [...basis].sort((a, b) => a - b);
      expect(sorted[Math.floor(sorted.length * 0.99)]).toBeLessThan(0.002);
      expect(maxOf(basis)).toBeLessThan(0.01);
      // on average the perp sits within a bp or so of spot (the real data: −2 bp on Binance BTC)
      expect(Math.abs(mean(Array.from(perp, (p, k) => p / (spot[k] as number) - 1)))).toBeLessThan(2e-4);
    }
  });

  it.each(seeds.map((s, i) => [s, i] as const))("seed %i: funding is positive on average, persistent, with negative spells and venue correlation", (_seed, i) => {
    const d = sets[i] as MarketData;
    for (const asset of ["BTCUSDT", "ETHUSDT"]) {
      const rates = ["binance", "bybit", "okx"].map((v) => field(d, `funding:${v}:${asset}`, "rate"));
      for (const r of rates) {
        const m = mean(r);
        expect(m).toBeGreaterThan(5e-5);
        expect(m).toBeLessThan(1.6e-4);
        expect(corr(r.subarray(1), r.subarray(0, -1))).toBeGreaterThan(0.6);
        const negShare = r.filter((x) => x < 0).length / r.length;
        expect(negShare).toBeGreaterThan(0.03);
        expect(negShare).toBeLessThan(0.3);
        let run = 0;
        let longest = 0;
        for (const x of r) {
          run = x < 0 ? run + 1 : 0;
          longest = Math.max(longest, run);
        }
        expect(longest).toBeGreaterThanOrEqual(6); // spells of two days or more where shorts pay longs
        expect(maxOf(r.map(Math.abs))).toBeLessThan(0.003);
        // like Binance/Bybit, funding sits exactly at the 0.01 % interest rate a good share of the time
        const pinned = r.filter((x) => x === 1e-4).length / r.length;
        expect(pinned).toBeGreaterThan(0.15);
        expect(pinned).toBeLessThan(0.5);
      }
      const c = corr(rates[0] as Float64Array, rates[1] as Float64Array);
      expect(c).toBeGreaterThan(0.65);
      expect(c).toBeLessThan(0.98);
    }
  });

  it("accrues AAVE indexes from the APRs (ln growth per year = mean APR, to first order)", () => {
    for (const asset of ["USDT", "WETH", "weETH", "wstETH"]) {
      const id = `aave:${asset}`;
      for (const [indexField, aprField] of [["liquidityIndex", "supplyApr"], ["variableBorrowIndex", "borrowApr"]] as const) {
        const idx = field(base, id, indexField);
        const apr = field(base, id, aprField);
        const years = (idx.length - 1) / 8760;
        const growth = Math.log((idx[idx.length - 1] as number) / (idx[0] as number)) / years;
        // index(k+1) = index(k)(1 + apr(k)/8760), so ln growth = Σ ln(1 + apr/8760) ≈ mean APR
        expect(growth, id).toBeCloseTo(mean(apr.subarray(0, -1)), 4);
      }
    }
    const usdt = mean(field(base, "aave:USDT", "supplyApr"));
    expect(usdt).toBeGreaterThan(0.02);
    expect(usdt).toBeLessThan(0.1);
  });

  it("has mean-reverting AAVE APRs (bounded, long-run mean near the start)", () => {
    const apr = field(base, "aave:USDT", "borrowApr");
    const firstHalf = mean(apr.subarray(0, apr.length / 2));
    const secondHalf = mean(apr.subarray(apr.length / 2));
    expect(Math.abs(firstHalf - secondHalf)).toBeLessThan(0.03);
    expect(maxOf(apr)).toBeLessThan(0.6);
  });

  it.each(seeds.map((s, i) => [s, i] as const))("seed %i: LST exchange rates accrue ≈ 3 %/yr and markets trade near them", (_seed, i) => {
    const d = sets[i] as MarketData;
    for (const token of ["weETH", "wstETH"]) {
      const r = field(d, `lst:${token}`, "ethPerToken");
      const years = (r.length - 1) / 8760;
      const apy = ((r[r.length - 1] as number) / (r[0] as number)) ** (1 / years) - 1;
      expect(apy).toBeGreaterThan(0.022);
      expect(apy).toBeLessThan(0.038);
      const market = field(d, `lstMarket:${token}`, "ethPerToken");
      const dev = Array.from(market, (m, k) => Math.abs(m / (r[k] as number) - 1));
      expect(median(dev)).toBeLessThan(0.003);
    }
  });

  it("has gas far lower in 2025 than in 2024", () => {
    const s = base.series.get("gas:ethereum") as Series;
    const gas = s.fields.gasPriceGwei as Float64Array;
    const y2025 = Date.UTC(2025, 0, 1);
    const g24 = median(Array.from(gas).filter((_, k) => (s.time[k] as number) < y2025));
    const g25 = median(Array.from(gas).filter((_, k) => (s.time[k] as number) >= y2025));
    expect(g24).toBeGreaterThan(3 * g25);
    expect(minOf(gas)).toBeGreaterThan(0);
  });
});

describe("synthetic building blocks", () => {
  it("pins funding to the interest rate inside the band and shifts it by the band outside (hand values)", () => {
    expect(pinFunding(1.2e-4, 1e-4, 3e-5)).toBe(1e-4);
    expect(pinFunding(0.75e-4, 1e-4, 3e-5)).toBe(1e-4);
    expect(pinFunding(2e-4, 1e-4, 3e-5)).toBeCloseTo(1.7e-4, 15);
    expect(pinFunding(-1e-4, 1e-4, 3e-5)).toBeCloseTo(-0.7e-4, 15);
  });

  it("interpolates daily values to hours linearly (hand values)", () => {
    const day = 86_400_000;
    const r = interpolateDailyToHourly(Float64Array.from([0, day, 2 * day]), { v: Float64Array.from([1, 25, 1]) });
    expect(r.time.length).toBe(49);
    expect(r.fields.v?.[0]).toBe(1);
    expect(r.fields.v?.[12]).toBeCloseTo(13, 12);
    expect(r.fields.v?.[24]).toBe(25);
    expect(r.fields.v?.[36]).toBeCloseTo(13, 12);
    expect(r.fields.v?.[48]).toBe(1);
  });

  it("computes AAVE's two-slope borrow curve (hand values)", () => {
    const p: ReserveParams = { utilMean: 0.5, utilSd: 0.1, utilPhi: 0.9, optimalUtil: 0.8, baseRate: 0.01, slope1: 0.04, slope2: 0.6, reserveFactor: 0.1, liquidityIndex0: 1, borrowIndex0: 1 };
    expect(borrowAprAt(0, p)).toBeCloseTo(0.01, 12);
    expect(borrowAprAt(0.4, p)).toBeCloseTo(0.01 + 0.04 * 0.5, 12);
    expect(borrowAprAt(0.8, p)).toBeCloseTo(0.05, 12);
    expect(borrowAprAt(0.9, p)).toBeCloseTo(0.05 + 0.6 * 0.5, 12);
  });

  it("draws uniforms in (0,1) and unit-variance normals and Student-t", () => {
    const rng = createRng(1, 0);
    const n = 200_000;
    const u = new Float64Array(n);
    const z = new Float64Array(n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      u[i] = rng.uniform();
      z[i] = rng.normal();
      t[i] = rng.studentT(4);
    }
    expect(minOf(u)).toBeGreaterThan(0);
    expect(maxOf(u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(stdev(z)).toBeCloseTo(1, 1);
    expect(stdev(t)).toBeGreaterThan(0.9);
    expect(stdev(t)).toBeLessThan(1.1);
    expect(excessKurtosis(t)).toBeGreaterThan(2);
    expect(createRng(1, 0).uniform()).toBe(createRng(1, 0).uniform());
    expect(createRng(1, 0).uniform()).not.toBe(createRng(1, 1).uniform());
  });
});

const REAL_DATA_DIR = path.resolve("../shared/data");
if (!existsSync(REAL_DATA_DIR)) console.warn(`skipping the real-data id comparison: ${REAL_DATA_DIR} is absent`);

describe.skipIf(!existsSync(REAL_DATA_DIR))("synthetic data set vs the real data (../shared/data)", () => {
  it("has every series id, with every field, that the importer produces from the real files", async () => {
    const { loadDirectory } = await import("../import/load-directory");
    const real = await loadDirectory(REAL_DATA_DIR);
    const missing: string[] = [];
    for (const [id, s] of real.data.series) {
      const syn = base.series.get(id);
      if (!syn) missing.push(id);
      else for (const f of Object.keys(s.fields)) if (!syn.fields[f]) missing.push(`${id}.${f}`);
    }
    expect(missing).toEqual([]);
  });
});
