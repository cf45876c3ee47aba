// Backtest wiring: wireBacktest builds each mode's keys, strategy, simulated venues and valuation —
// the one place that branches on mode (staking and directional families in their own wire files).
import { HOUR_MS } from "./core/clock";
import { EngineError } from "./core/errors";
import { KeyRegistry } from "./core/position-keys";
import type { BasisParams } from "./config/basis-params";
import type { LendingParams } from "./config/lending-params";
import { MODE_INFO, type AnyModeParams, type ModeId } from "./config/modes";
import { GAS_SERIES, REFERENCE_SPOT, fundingSeriesId, perpSeriesId, requiredSeries } from "./config/required-series";
import { checkCoverage, type DataProvider } from "./components/data-provider";
import { EventLogger } from "./components/event-logger";
import { type PerpSlot } from "./components/position-monitor";
import { buildSlotValuation } from "./components/valuation";
import { BasisStrategy, type HedgeLeg } from "./strategies/basis";
import { LendingStrategy, lendingKeys } from "./strategies/lending";
import { CEX_VENUES, type CexVenue } from "./types";
import { createCostModel } from "./venues/cost-model";
import { SimulatedCex } from "./venues/simulated-cex";
import { SimulatedChain } from "./venues/simulated-chain";
import type { Venue } from "./venues/venue";
import { isStakingFamily, wireStakingFamily, type StakingFamilyParams } from "./wire-staking";
import { isDirectional, wireDirectional, type DirectionalInputs } from "./wire-directional";
import type { DirectionalParams } from "./config/directional-params";
import type { EngineConfig } from "./kernel";

export interface BacktestWiring {
  readonly config: EngineConfig;
  readonly venues: readonly Venue[];
  readonly hedgeWeights: Partial<Record<CexVenue, number>>;
  readonly warnings: string[];
}

const ONE_DAY = 24 * HOUR_MS;

/** Fails up front (DATA-003) when a required series does not cover the window. */
function requireCoverage(data: DataProvider, ids: readonly string[]): void {
  for (const id of ids) {
    const kind = id.split(":")[0];
    const maxGap = kind === "aave" ? 2 * ONE_DAY : data.maxStaleMs;
    const problem = checkCoverage(data.data.series.get(id), id, data.start, data.end, ONE_DAY, maxGap);
    if (problem) throw new EngineError("DATA-003", `${problem.series} ${problem.problem}`);
  }
}

/**
 * Builds the mode's keys, strategy, simulated venues and valuation for a backtest over `data`.
 * The one place that branches on mode.
 */
export function wireBacktest(mode: ModeId, params: AnyModeParams, data: DataProvider, capital: number, logger: EventLogger, inputs: DirectionalInputs = {}): BacktestWiring {
  // staking, leveraged and market-neutral modes (issue 6): same kernel, their own keys and venues
  if (isStakingFamily(mode)) return wireStakingFamily(mode, params as StakingFamilyParams, data, capital, logger);
  if (isDirectional(mode)) return wireDirectional(mode, params as DirectionalParams, data, capital, inputs);
  const info = MODE_INFO[mode];
  requireCoverage(data, requiredSeries(mode, params));
  const cost = createCostModel(params.costs, params.gasCostMultiplier);
  const gasGwei = data.asOf(GAS_SERIES, "gasPriceGwei");
  const warnings: string[] = [];
  const one = data.constant(1);

  if (mode === "pure_lending_usdt" || mode === "pure_lending_eth") {
    const p = params as LendingParams;
    const asset = mode === "pure_lending_usdt" ? "USDT" : "ETH";
    const reserve = asset === "USDT" ? "aave:USDT" : "aave:WETH";
    const liq = data.index(reserve, "liquidityIndex");
    const ethUsdt = asset === "USDT" ? data.priceOpen(REFERENCE_SPOT.ETH) : one;
    const keys = new KeyRegistry(lendingKeys(asset));
    const chain = new SimulatedChain(keys, { liquidityIndex: { [asset === "USDT" ? "USDT" : "WETH"]: liq }, gasGwei, ethUsdt }, cost);
    const strategy = new LendingStrategy(asset, p, chain, liq, asset === "USDT" ? ethUsdt : null);
    strategy.bind(keys);
    const walletSlot = keys.slot(strategy.keys[0] as string);
    chain.fund(walletSlot, capital);
    const priceOf = (a: string): Float64Array => (a === asset ? one : a === "ETH" ? ethUsdt : one);
    const slots = keys.keys.map((key) => buildSlotValuation(key, info.shareClass, priceOf, () => liq));
    return {
      config: {
        mode,
        shareClass: info.shareClass,
        executionMode: "backtest",
        capital,
        keys,
        strategy,
        slots,
        perps: [],
        usdtPx: asset === "USDT" ? one : data.ratio("usdtPerEth", one, ethUsdt),
        ethPx: asset === "USDT" ? ethUsdt : one,
        assetPx: [null, asset === "USDT" ? ethUsdt : one],
        riskLevels: { warning: 0.2, critical: 0.15, maintenance: 0.1 },
        opening: [{ slot: walletSlot, amount: capital }],
        cashKey: { venue: "wallet", asset, slot: walletSlot },
      },
      venues: [chain],
      hedgeWeights: {},
      warnings,
    };
  }

  // basis modes
  const p = params as BasisParams;
  const asset = mode === "btc_basis" ? "BTC" : "ETH";
  const spot = data.priceOpen(REFERENCE_SPOT[asset]);
  const ethUsdt = data.priceOpen(REFERENCE_SPOT.ETH);
  const eligible: { venue: CexVenue; weight: number }[] = [];
  for (const venue of CEX_VENUES) {
    const w = p.hedgeAllocation[venue];
    if (!(w > 0)) continue;
    const perpId = perpSeriesId(venue, asset);
    const fundId = fundingSeriesId(venue, asset);
    const problem =
      checkCoverage(data.data.series.get(perpId), perpId, data.start, data.end, ONE_DAY, data.maxStaleMs) ??
      checkCoverage(data.data.series.get(fundId), fundId, data.start, data.end, ONE_DAY, ONE_DAY);
    if (problem) {
      const msg = `hedge venue ${venue} excluded: ${problem.series} ${problem.problem}`;
      warnings.push(msg);
      logger.emit(data.start, "HedgeVenueExcluded", "strategy-manager", { venue, series: problem.series, problem: problem.problem }, "MEDIUM", venue);
      continue;
    }
    eligible.push({ venue, weight: w });
  }
  if (eligible.length === 0) throw new EngineError("CONFIG-002", `no hedge venue has ${asset} perp and funding data covering the window`);
  const wSum = eligible.reduce((s, e) => s + e.weight, 0);
  const hedgeWeights: Partial<Record<CexVenue, number>> = {};
  const legs: HedgeLeg[] = eligible.map((e) => {
    const weight = e.weight / wSum;
    hedgeWeights[e.venue] = weight;
    const fs = data.series(fundingSeriesId(e.venue, asset));
    return { venue: e.venue, weight, mark: data.priceOpen(perpSeriesId(e.venue, asset)), fundingSeries: { time: fs.time, rate: fs.fields.rate ?? new Float64Array(0) } };
  });
  if (eligible.length < CEX_VENUES.filter((v) => p.hedgeAllocation[v] > 0).length) {
    warnings.push(`hedge weights renormalised to ${eligible.map((e) => `${e.venue} ${(hedgeWeights[e.venue] ?? 0).toFixed(4)}`).join(", ")}`);
  }
  const strategy = new BasisStrategy(asset, p, legs, { spot, ethUsdt, gasGwei }, cost);
  const keys = new KeyRegistry(strategy.keys);
  strategy.bind(keys);
  const chain = new SimulatedChain(keys, { liquidityIndex: {}, gasGwei, ethUsdt }, cost);
  const walletSlot = keys.slot("wallet:BaseToken:USDT");
  chain.fund(walletSlot, capital);
  const venues: Venue[] = [chain];
  const perps: PerpSlot[] = [];
  const cexVenues = new Set<CexVenue>(["binance", ...legs.map((l) => l.venue)]);
  for (const venue of cexVenues) {
    const leg = legs.find((l) => l.venue === venue);
    const funding = leg ? data.funding(fundingSeriesId(venue, asset)) : null;
    venues.push(
      new SimulatedCex(
        venue,
        keys,
        {
          spot: venue === "binance" ? { [asset]: spot } : {},
          mark: leg ? { [asset]: leg.mark } : {},
          funding: funding ? { [asset]: funding } : {},
          gasGwei,
          ethUsdt,
          maintenanceMarginRatio: p.maintenanceMarginRatio,
        },
        cost,
      ),
    );
    if (leg && funding) {
      perps.push({ venue, asset, sizeSlot: keys.slot(`${venue}:Perp:${asset}USDT`), usdtSlot: keys.slot(`${venue}:BaseToken:USDT`), mark: leg.mark, funding });
    }
  }
  const priceOf = (a: string): Float64Array => (a === "USDT" ? one : a === asset ? spot : a === "ETH" ? ethUsdt : one);
  const slots = keys.keys.map((key) => buildSlotValuation(key, info.shareClass, priceOf, () => null));
  return {
    config: {
      mode,
      shareClass: info.shareClass,
      executionMode: "backtest",
      capital,
      keys,
      strategy,
      slots,
      perps,
      usdtPx: one,
      ethPx: ethUsdt,
      assetPx: [asset === "BTC" ? spot : null, ethUsdt],
      riskLevels: { warning: p.marginWarningRatio, critical: p.marginCriticalRatio, maintenance: p.maintenanceMarginRatio },
      opening: [{ slot: walletSlot, amount: capital }],
      cashKey: { venue: "wallet", asset: "USDT", slot: walletSlot },
    },
    venues,
    hedgeWeights,
    warnings,
  };
}
