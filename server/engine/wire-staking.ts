// Backtest wiring of the staking family (eth_staking_only, eth_leveraged and the two USDT
// market-neutral modes), called from kernel.wireBacktest: keys, strategy, simulated venues
// (SimulatedDefi + one SimulatedCex per eligible hedge venue) and valuation. LST yield comes from
// the AAVE-oracle exchange rate `lst:<LST>` only (the defective yield file is never read).
import { HOUR_MS } from "./core/clock";
import { EngineError } from "./core/errors";
import { KeyRegistry } from "./core/position-keys";
import type { EventLogger } from "./components/event-logger";
import { checkCoverage, type DataProvider } from "./components/data-provider";
import type { PerpSlot } from "./components/position-monitor";
import { buildSlotValuation } from "./components/valuation";
import { MODE_INFO, type ModeId } from "./config/modes";
import { GAS_SERIES, REFERENCE_SPOT, REWARDS_SERIES, fundingSeriesId, perpSeriesId, requiredSeries } from "./config/required-series";
import type { LeveragedMarketNeutralParams, LeveragedParams, MarketNeutralParams, StakingParams } from "./config/staking-params";
import type { EngineConfig } from "./kernel";
import type { BacktestWiring } from "./wire-backtest";
import { LeverageLoop } from "./strategies/leverage-loop";
import { LeveragedStakingStrategy } from "./strategies/leveraged-staking";
import { MarketNeutralStrategy, marketNeutralKeys, type NeutralLeg } from "./strategies/market-neutral";
import { StakingStrategy, stakingKeys } from "./strategies/staking";
import type { Strategy } from "./strategies/strategy";
import { CEX_VENUES, type CexVenue } from "./types";
import { createCostModel } from "./venues/cost-model";
import { SimulatedCex } from "./venues/simulated-cex";
import { FLASH_FEE, SimulatedDefi, type DefiMarket } from "./venues/simulated-defi";
import type { Venue } from "./venues/venue";

export type StakingFamilyMode = "eth_staking_only" | "eth_leveraged" | "usdt_market_neutral_no_leverage" | "usdt_market_neutral";
export type StakingFamilyParams = StakingParams | LeveragedParams | MarketNeutralParams | LeveragedMarketNeutralParams;

export function isStakingFamily(mode: ModeId): mode is StakingFamilyMode {
  return mode === "eth_staking_only" || mode === "eth_leveraged" || mode === "usdt_market_neutral_no_leverage" || mode === "usdt_market_neutral";
}

const ONE_DAY = 24 * HOUR_MS;

/** Fails up front (DATA-003) when a required series does not cover the window. */
export function requireSeriesCoverage(data: DataProvider, ids: readonly string[]): void {
  for (const id of ids) {
    const kind = id.split(":")[0];
    // AAVE is daily; ether.fi rewards are daily (real) or weekly (synthetic) points that hold until the next
    const maxGap = kind === "aave" ? 2 * ONE_DAY : kind === "rewards" ? 8 * ONE_DAY : data.maxStaleMs;
    const problem = checkCoverage(data.data.series.get(id), id, data.start, data.end, ONE_DAY, maxGap);
    if (problem) throw new EngineError("DATA-003", `${problem.series} ${problem.problem}`);
  }
}

/**
 * Hedge venues with ETH perp and funding covering the window, weights renormalised; the others are
 * excluded with a HedgeVenueExcluded event and a warning (domain §2.2).
 */
export function eligibleHedgeLegs(
  data: DataProvider,
  allocation: Readonly<Record<CexVenue, number>>,
  asset: "BTC" | "ETH",
  logger: EventLogger,
  warnings: string[],
): { legs: NeutralLeg[]; weights: Partial<Record<CexVenue, number>> } {
  const eligible: { venue: CexVenue; weight: number }[] = [];
  for (const venue of CEX_VENUES) {
    const w = allocation[venue];
    if (!(w > 0)) continue;
    const perpId = perpSeriesId(venue, asset);
    const fundId = fundingSeriesId(venue, asset);
    const problem =
      checkCoverage(data.data.series.get(perpId), perpId, data.start, data.end, ONE_DAY, data.maxStaleMs) ??
      checkCoverage(data.data.series.get(fundId), fundId, data.start, data.end, ONE_DAY, ONE_DAY);
    if (problem) {
      warnings.push(`hedge venue ${venue} excluded: ${problem.series} ${problem.problem}`);
      logger.emit(data.start, "HedgeVenueExcluded", "strategy-manager", { venue, series: problem.series, problem: problem.problem }, "MEDIUM", venue);
      continue;
    }
    eligible.push({ venue, weight: w });
  }
  if (eligible.length === 0) throw new EngineError("CONFIG-002", `no hedge venue has ${asset} perp and funding data covering the window`);
  const sum = eligible.reduce((s, e) => s + e.weight, 0);
  const weights: Partial<Record<CexVenue, number>> = {};
  const legs = eligible.map((e) => {
    weights[e.venue] = e.weight / sum;
    return { venue: e.venue, weight: e.weight / sum, mark: data.priceOpen(perpSeriesId(e.venue, asset)) };
  });
  if (eligible.length < CEX_VENUES.filter((v) => allocation[v] > 0).length) {
    warnings.push(`hedge weights renormalised to ${legs.map((l) => `${l.venue} ${l.weight.toFixed(4)}`).join(", ")}`);
  }
  return { legs, weights };
}

export function wireStakingFamily(mode: StakingFamilyMode, params: StakingFamilyParams, data: DataProvider, capital: number, logger: EventLogger): BacktestWiring {
  const info = MODE_INFO[mode];
  requireSeriesCoverage(data, requiredSeries(mode, params));
  const cost = createCostModel(params.costs, params.gasCostMultiplier);
  const warnings: string[] = [];
  const one = data.constant(1);
  const lst = params.lstType;
  const ethUsdt = data.priceOpen(REFERENCE_SPOT.ETH);
  const lstRate = data.asOf(`lst:${lst}`, "ethPerToken");
  const lstMarket = data.asOf(`lstMarket:${lst}`, "ethPerToken");
  const gasGwei = data.asOf(GAS_SERIES, "gasPriceGwei");
  const levered = mode === "eth_leveraged" || mode === "usdt_market_neutral";
  const lp = levered ? (params as LeveragedParams | LeveragedMarketNeutralParams) : null;
  const lstIndex = levered ? data.index(`aave:${lst}`, "liquidityIndex") : null;
  const wethBorrowIndex = levered ? data.index("aave:WETH", "variableBorrowIndex") : null;
  const ethClass = info.shareClass === "ETH";
  const market: DefiMarket = {
    ethUsdt,
    gasGwei,
    lst,
    lstRate,
    lstMarket,
    lstIndex,
    wethBorrowIndex,
    emode: lp
      ? { maxLtv: lp.maxLtv, liquidationThreshold: lp.liquidationThreshold, liquidationBonus: lp.liquidationBonus, closeFactor: lp.closeFactor }
      : { maxLtv: 0.93, liquidationThreshold: 0.95, liquidationBonus: 0.01, closeFactor: 0.5 },
    flashFee: lp ? FLASH_FEE[lp.flashSource] : 0,
    gasFrom: ethClass ? "ETH" : "USDT",
    rewardsDaily: params.rewardsMode === "base_plus_rewards" ? data.asOf(REWARDS_SERIES, "dailyYield") : null,
  };

  let legs: NeutralLeg[] = [];
  let hedgeWeights: Partial<Record<CexVenue, number>> = {};
  if (mode === "usdt_market_neutral_no_leverage" || mode === "usdt_market_neutral") {
    const hp = params as MarketNeutralParams;
    const e = eligibleHedgeLegs(data, hp.hedgeAllocation, "ETH", logger, warnings);
    legs = e.legs;
    hedgeWeights = e.weights;
  }
  const keyList =
    mode === "eth_staking_only"
      ? stakingKeys(lst)
      : mode === "eth_leveraged"
        ? [...stakingKeys(lst), ...LeverageLoop.keys(lst)]
        : marketNeutralKeys(lst, legs, levered);
  const keys = new KeyRegistry(keyList);
  const defi = new SimulatedDefi(keys, market, cost);
  const loop = lp ? new LeverageLoop(lp, defi, market, ethClass) : null;
  let strategy: Strategy & { bind(keys: KeyRegistry): void };
  if (mode === "eth_staking_only") strategy = new StakingStrategy(params as StakingParams, defi);
  else if (mode === "eth_leveraged") strategy = new LeveragedStakingStrategy(params as LeveragedParams, loop as LeverageLoop, defi);
  else strategy = new MarketNeutralStrategy(params as MarketNeutralParams, legs, defi, market, loop, cost);
  strategy.bind(keys);
  const walletSlot = keys.slot(ethClass ? "wallet:BaseToken:ETH" : "wallet:BaseToken:USDT");
  defi.fund(walletSlot, capital);

  const venues: Venue[] = [defi];
  const perps: PerpSlot[] = [];
  const hp = legs.length > 0 ? (params as MarketNeutralParams) : null;
  for (const leg of legs) {
    const funding = data.funding(fundingSeriesId(leg.venue, "ETH"));
    venues.push(
      new SimulatedCex(
        leg.venue,
        keys,
        { spot: {}, mark: { ETH: leg.mark }, funding: { ETH: funding }, gasGwei, ethUsdt, maintenanceMarginRatio: hp ? hp.maintenanceMarginRatio : 0.1 },
        cost,
      ),
    );
    perps.push({ venue: leg.venue, asset: "ETH", sizeSlot: keys.slot(`${leg.venue}:Perp:ETHUSDT`), usdtSlot: keys.slot(`${leg.venue}:BaseToken:USDT`), mark: leg.mark, funding });
  }

  const usdtPx = ethClass ? data.ratio("usdtPerEth", one, ethUsdt) : one;
  const ethPx = ethClass ? one : ethUsdt;
  const priceOf = (a: string): Float64Array => (a === "ETH" ? ethPx : a === "USDT" ? usdtPx : one);
  const slots = keys.keys.map((key) =>
    buildSlotValuation(
      key,
      info.shareClass,
      priceOf,
      (k) => (k.type === "aToken" ? lstIndex : k.type === "debtToken" ? wethBorrowIndex : null),
      (sym) => (sym === lst ? lstRate : null),
    ),
  );
  const config: EngineConfig = {
    mode,
    shareClass: info.shareClass,
    executionMode: "backtest",
    capital,
    keys,
    strategy,
    slots,
    perps,
    usdtPx,
    ethPx,
    assetPx: [null, ethPx],
    riskLevels: {
      warning: hp ? hp.marginWarningRatio : 0.2,
      critical: hp ? hp.marginCriticalRatio : 0.15,
      maintenance: hp ? hp.maintenanceMarginRatio : 0.1,
      ...(lp ? { liquidationThreshold: lp.liquidationThreshold } : {}),
      ...(hp ? { maxVenueConcentration: hp.maxVenueConcentration } : {}),
    },
    opening: [{ slot: walletSlot, amount: capital }],
    cashKey: { venue: "wallet", asset: ethClass ? "ETH" : "USDT", slot: walletSlot },
  };
  return { config, venues, hedgeWeights, warnings };
}
