// The synthetic default data set: every series id the real data has (and the reference ETH spot on
// both venues), hourly 2024-01-01 … 2025-09-30, seeded so one seed gives byte-identical arrays.
// Calibrated against the real files (../shared/data): BTC ≈ 55 % and ETH ≈ 70 % annual vol with fat
// tails; perps within a few bp of spot; funding with a mean ≈ 0.8-1e-4 per 8 h, persistence, negative
// spells, venue correlation ≈ 0.8 and the venues' pin at exactly 0.01 % (about a third of events);
// AAVE rates from a two-slope curve over mean-reverting utilisation; LST rates ≈ 3 %/yr; lognormal
// gas falling from 2024 to 2025; and the modelled execution-cost table (constant, as in the real data).
import { z } from "zod";
import type { MarketData, Series, SeriesKind } from "../series";
import { simulateReserve, simulateStableOracle, type ReserveParams } from "./aave-reserves";
import { simulateFunding, type FundingParams } from "./funding-premium";
import { buildExecutionCosts } from "./execution-costs";
import { simulateGas, splitGasFees } from "./gas-prices";
import { simulateLst, type LstParams } from "./lst-rates";
import { buildMinuteBars } from "./minute-bars";
import { buildBars, simulateUnderlyings } from "./price-paths";
import { createRng } from "./rng";
import { apyFromApr, interpolateDailyToHourly, simulateBenchmarkApr, simulateWeeklyRewards, simulateYieldPool } from "./yield-series";

export const SYNTHETIC_DEFAULTS = {
  seed: 42,
  start: "2024-01-01T00:00:00Z",
  end: "2025-09-30T23:00:00Z",
  name: "synthetic",
} as const;

const HOUR_MS = 3_600_000;

const optsSchema = z
  .object({
    seed: z.number().int().min(0).max(0xffffffff).default(SYNTHETIC_DEFAULTS.seed),
    start: z.iso.datetime({ offset: true }).default(SYNTHETIC_DEFAULTS.start),
    end: z.iso.datetime({ offset: true }).default(SYNTHETIC_DEFAULTS.end),
  })
  .transform((o, ctx) => {
    const start = Date.parse(o.start);
    const end = Date.parse(o.end);
    if (start % HOUR_MS !== 0 || end % HOUR_MS !== 0) ctx.addIssue({ code: "custom", message: "start and end must be on the hour" });
    if (end - start < 24 * HOUR_MS) ctx.addIssue({ code: "custom", message: "end must be at least 24 h after start" });
    return { seed: o.seed, start, end };
  });

export type SyntheticOptions = z.input<typeof optsSchema>;

/** Independent random streams, one per component: adding a series never shifts the others. */
const STREAM = {
  priceShocks: 1,
  priceBridge: 2,
  funding: 3,
  barNoise: 4,
  minuteBars: 5,
  aave: 10,
  usdtOracle: 15,
  lst: 20,
  gas: 30,
  gasFees: 31,
  rewards: 40,
  benchmark: 41,
  eethPool: 42,
} as const;

const UNDERLYINGS = [
  { asset: "BTCUSDT", startPrice: 42_300, annualVol: 0.57 },
  { asset: "ETHUSDT", startPrice: 2_300, annualVol: 0.72 },
] as const;
const BTC_ETH_CORRELATION = 0.8;
/** Hours at the end of the window that also get 1-minute ETHUSDT perp bars (as the real data has a few days). */
const MINUTE_BAR_HOURS = 72;

const PERP_VENUES = ["binance", "bybit", "okx"] as const;
/** Spot series: BTC on Binance; ETH on Binance and Bybit (Bybit is the real data's reference ETH spot). */
const SPOT_SERIES = [
  { venue: "binance", asset: "BTCUSDT", baseVolume: 1_500 },
  { venue: "binance", asset: "ETHUSDT", baseVolume: 20_000 },
  { venue: "bybit", asset: "ETHUSDT", baseVolume: 8_000 },
] as const;
const PERP_VOLUME: Record<string, number> = {
  "binance:BTCUSDT": 10_000,
  "bybit:BTCUSDT": 3_000,
  "okx:BTCUSDT": 2_000,
  "binance:ETHUSDT": 200_000,
  "bybit:ETHUSDT": 80_000,
  "okx:ETHUSDT": 50_000,
};
/** Venue price noise: ~0.5 bp per observation around the shared underlying. */
const VENUE_NOISE = 0.00005;

const FUNDING: FundingParams = {
  mean: 6e-5,
  interestRate: 1e-4,
  pinBand: 3.6e-5,
  euphoriaScale: 2.5e-4,
  euphoriaThreshold: 1.2,
  euphoriaPhi: 0.999,
  commonSd: 0.7e-4,
  marketShare: 0.6,
  venueSd: 0.4e-4,
  commonPhi: 0.99,
  venuePhi: 0.9,
  basisNoiseSd: 4e-4,
  basisNoisePhi: 0.8,
};

/** AAVE v3 Ethereum-like curves; reserve factors as the data README §3 infers them. */
const RESERVES: Record<string, ReserveParams> = {
  USDT: { utilMean: 0.88, utilSd: 0.035, utilPhi: 0.995, optimalUtil: 0.92, baseRate: 0, slope1: 0.06, slope2: 0.4, reserveFactor: 0.1, liquidityIndex0: 1.04, borrowIndex0: 1.07 },
  WETH: { utilMean: 0.86, utilSd: 0.015, utilPhi: 0.995, optimalUtil: 0.9, baseRate: 0, slope1: 0.027, slope2: 0.8, reserveFactor: 0.15, liquidityIndex0: 1.03, borrowIndex0: 1.05 },
  weETH: { utilMean: 0.02, utilSd: 0.008, utilPhi: 0.995, optimalUtil: 0.45, baseRate: 0, slope1: 0.07, slope2: 3, reserveFactor: 0.45, liquidityIndex0: 1.0001, borrowIndex0: 1.001 },
  wstETH: { utilMean: 0.1, utilSd: 0.02, utilPhi: 0.995, optimalUtil: 0.45, baseRate: 0, slope1: 0.07, slope2: 3, reserveFactor: 0.15, liquidityIndex0: 1.0005, borrowIndex0: 1.003 },
};

const LSTS: Record<"weETH" | "wstETH", LstParams> = {
  weETH: { start: 1.035, aprMean: 0.031, aprSd: 0.003, aprPhi: 0.999, discountMean: 0.001, discountSd: 0.0008, discountPhi: 0.97 },
  wstETH: { start: 1.15, aprMean: 0.029, aprSd: 0.003, aprPhi: 0.999, discountMean: 0.0005, discountSd: 0.0004, discountPhi: 0.97 },
};

function makeSeries(id: string, kind: SeriesKind, time: Float64Array, fields: Record<string, Float64Array>): Series {
  return { id, kind, time, fields };
}

/**
 * Generates the synthetic data set. Defaults: seed 42, 2024-01-01T00:00Z … 2025-09-30T23:00Z
 * (both ends inclusive), name and source "synthetic", version 0 (not stored yet).
 */
export function generateSyntheticData(opts: SyntheticOptions = {}): MarketData {
  const { seed, start, end } = optsSchema.parse(opts);
  const n = (end - start) / HOUR_MS + 1;
  const time = new Float64Array(n);
  for (let k = 0; k < n; k++) time[k] = start + k * HOUR_MS;
  const series = new Map<string, Series>();
  const add = (s: Series) => series.set(s.id, s);

  // prices
  const paths = simulateUnderlyings(
    n,
    UNDERLYINGS,
    BTC_ETH_CORRELATION,
    createRng(seed, STREAM.priceShocks),
    createRng(seed, STREAM.priceBridge),
  );
  const pathOf = (asset: string) => paths[UNDERLYINGS.findIndex((u) => u.asset === asset)] as (typeof paths)[number];
  const premiums = simulateFunding(start, n, UNDERLYINGS.map((u) => u.asset), PERP_VENUES, FUNDING, createRng(seed, STREAM.funding));
  const barRng = createRng(seed, STREAM.barNoise);
  for (const s of SPOT_SERIES) {
    add(makeSeries(`spot:${s.venue}:${s.asset}`, "spot", time, buildBars(pathOf(s.asset), { noise: VENUE_NOISE, baseVolume: s.baseVolume, withMark: false }, barRng)));
  }
  for (const venue of PERP_VENUES) {
    for (const u of UNDERLYINGS) {
      const key = `${venue}:${u.asset}`;
      const prem = premiums.get(key);
      if (!prem) throw new Error(`no premium for ${key}`);
      const bars = buildBars(pathOf(u.asset), { basis: prem.basis, noise: VENUE_NOISE, baseVolume: PERP_VOLUME[key] ?? 1_000, withMark: true }, barRng);
      add(makeSeries(`perp:${key}`, "perp", time, bars));
    }
  }
  const minuteRng = createRng(seed, STREAM.minuteBars);
  for (const venue of PERP_VENUES) {
    const hourly = series.get(`perp:${venue}:ETHUSDT`) as Series;
    const m = buildMinuteBars(time, hourly.fields, Math.max(0, n - MINUTE_BAR_HOURS), minuteRng);
    add(makeSeries(`perp:${venue}:ETHUSDT:1m`, "perp", m.time, m.fields));
  }
  for (const venue of PERP_VENUES) {
    for (const u of UNDERLYINGS) {
      const prem = premiums.get(`${venue}:${u.asset}`);
      if (!prem) throw new Error(`no premium for ${venue}:${u.asset}`);
      add(makeSeries(`funding:${venue}:${u.asset}`, "funding", prem.fundingTime, { rate: prem.fundingRate }));
    }
  }

  // LSTs (before AAVE: the LST oracle prices are ETH × exchange rate)
  const ethOpen = pathOf("ETHUSDT").level.subarray(0, n);
  const lstRng = createRng(seed, STREAM.lst);
  const lst = {
    weETH: simulateLst(n, LSTS.weETH, lstRng),
    wstETH: simulateLst(n, LSTS.wstETH, lstRng),
  };
  for (const token of ["weETH", "wstETH"] as const) {
    add(makeSeries(`lst:${token}`, "lst", time, { ethPerToken: lst[token].ethPerToken }));
    add(makeSeries(`lstMarket:${token}`, "lstMarket", time, { ethPerToken: lst[token].marketEthPerToken }));
  }

  // AAVE reserves
  const aaveRng = createRng(seed, STREAM.aave);
  const oracle: Record<string, Float64Array> = {
    USDT: simulateStableOracle(n, 0.0003, createRng(seed, STREAM.usdtOracle)),
    WETH: Float64Array.from(ethOpen),
    weETH: ethOpen.map((p, k) => p * (lst.weETH.ethPerToken[k] as number)),
    wstETH: ethOpen.map((p, k) => p * (lst.wstETH.ethPerToken[k] as number)),
  };
  for (const asset of ["USDT", "WETH", "weETH", "wstETH"] as const) {
    const fields = simulateReserve(n, RESERVES[asset] as ReserveParams, aaveRng);
    add(makeSeries(`aave:${asset}`, "aave", time, { ...fields, oraclePriceUsd: oracle[asset] as Float64Array }));
  }
  // the real data also has hourly files for these two (interpolated there, native here): same values
  for (const asset of ["weETH", "wstETH"] as const) {
    const daily = series.get(`aave:${asset}`) as Series;
    add(makeSeries(`aave:${asset}:hourly`, "aave", time, { ...daily.fields }));
  }

  // gas: median ≈ 25 gwei at the start of 2024, ≈ 10 in mid-2024, ≈ 1 by autumn 2025
  const gasPriceGwei = simulateGas(
    time,
    { medianAtAnchor: 10, anchorTime: Date.UTC(2024, 6, 1), logTrendPerYear: -1.85, dailyAmplitude: 0.25, logSd: 0.6, logPhi: 0.97, floorGwei: 0.05 },
    createRng(seed, STREAM.gas),
  );
  add(makeSeries("gas:ethereum", "gas", time, { gasPriceGwei, ...splitGasFees(gasPriceGwei, createRng(seed, STREAM.gasFees)) }));

  const rewards = simulateWeeklyRewards(start, end, 0.02, createRng(seed, STREAM.rewards));
  add(makeSeries("rewards:etherfi", "rewards", rewards.time, { dailyYield: rewards.value }));
  const susde = simulateBenchmarkApr(start, end, { mean: 0.1, sd: 0.04, phi: 0.97, floor: 0.02 }, createRng(seed, STREAM.benchmark));
  const susdeFields = { apr: susde.value, apy: susde.value.map(apyFromApr), rewardApy: new Float64Array(susde.value.length) };
  add(makeSeries("benchmark:susde", "benchmark", susde.time, susdeFields));
  const susdeHourly = interpolateDailyToHourly(susde.time, susdeFields);
  add(makeSeries("benchmark:susde:hourly", "benchmark", susdeHourly.time, susdeHourly.fields));
  const eeth = simulateYieldPool(
    start,
    end,
    { baseMean: 0.029, baseSd: 0.004, rewardMean: 0.01, rewardSd: 0.005, phi: 0.97, floor: 0.01 },
    createRng(seed, STREAM.eethPool),
  );
  add(makeSeries("benchmark:eeth", "benchmark", eeth.time, { ...eeth.fields }));
  for (const c of buildExecutionCosts(start, end)) add(makeSeries(`costs:${c.pair}`, "costs", c.time, { ...c.fields }));

  return { name: SYNTHETIC_DEFAULTS.name, version: 0, source: "synthetic", series };
}
