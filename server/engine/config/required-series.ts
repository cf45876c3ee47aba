// Which series a mode needs (domain §8.1), so the API can refuse a data set lacking them up front.
import { CEX_VENUES, type CexVenue } from "../types";
import type { ModeId } from "./modes";

/** Reference spot series per asset (domain §8.2): Binance for BTC, Bybit for ETH. */
export const REFERENCE_SPOT = { BTC: "spot:binance:BTCUSDT", ETH: "spot:bybit:ETHUSDT" } as const;
export const GAS_SERIES = "gas:ethereum";
export const REWARDS_SERIES = "rewards:etherfi";

export function perpSeriesId(venue: CexVenue, asset: "BTC" | "ETH"): string {
  return `perp:${venue}:${asset}USDT`;
}
export function fundingSeriesId(venue: CexVenue, asset: "BTC" | "ETH"): string {
  return `funding:${venue}:${asset}USDT`;
}

function hedgeWeights(params: unknown): Record<CexVenue, number> {
  const fallback = { binance: 0.4, bybit: 0.3, okx: 0.3 };
  if (typeof params !== "object" || params === null || !("hedgeAllocation" in params)) return fallback;
  const h = (params as { hedgeAllocation?: unknown }).hedgeAllocation;
  if (typeof h !== "object" || h === null) return fallback;
  const rec = h as Record<string, unknown>;
  const out = { ...fallback };
  for (const v of CEX_VENUES) if (typeof rec[v] === "number") out[v] = rec[v] as number;
  return out;
}

/**
 * Series the mode cannot run without. Hedge venues are not listed here: a venue without data is
 * excluded and the rest renormalised (see `hedgeSeries`); at least one must be present.
 */
export function requiredSeries(mode: ModeId, _params?: unknown): string[] {
  switch (mode) {
    case "pure_lending_usdt":
      return ["aave:USDT", GAS_SERIES, REFERENCE_SPOT.ETH];
    case "pure_lending_eth":
      return ["aave:WETH", GAS_SERIES];
    case "btc_basis":
      return [REFERENCE_SPOT.BTC, GAS_SERIES, REFERENCE_SPOT.ETH];
    case "eth_basis":
      return [REFERENCE_SPOT.ETH, GAS_SERIES];
    case "eth_staking_only":
    case "usdt_market_neutral_no_leverage": {
      const lst = lstOf(_params);
      return [`lst:${lst}`, `lstMarket:${lst}`, GAS_SERIES, REFERENCE_SPOT.ETH, ...rewardsOf(_params)];
    }
    case "eth_leveraged":
    case "usdt_market_neutral": {
      const lst = lstOf(_params);
      return [`lst:${lst}`, `lstMarket:${lst}`, `aave:${lst}`, "aave:WETH", GAS_SERIES, REFERENCE_SPOT.ETH, ...rewardsOf(_params)];
    }
    case "ml_btc_directional_usdt_margin":
    case "ml_btc_directional_btc_margin":
      return [perpSeriesId("binance", "BTC"), fundingSeriesId("binance", "BTC"), REFERENCE_SPOT.BTC];
  }
}

/** The ether.fi rewards series when the parameters turn rewards on. */
function rewardsOf(params: unknown): string[] {
  return typeof params === "object" && params !== null && (params as { rewardsMode?: unknown }).rewardsMode === "base_plus_rewards" ? [REWARDS_SERIES] : [];
}

/** The LST a staking mode's parameters name (weETH by default). */
function lstOf(params: unknown): "weETH" | "wstETH" {
  if (typeof params === "object" && params !== null && "lstType" in params && (params as { lstType?: unknown }).lstType === "wstETH") return "wstETH";
  return "weETH";
}

/** Perp and funding series per hedge venue with a non-zero weight (basis modes), else empty. */
export function hedgeSeries(mode: ModeId, params?: unknown): { venue: CexVenue; perp: string; funding: string }[] {
  const asset = mode === "btc_basis" ? "BTC" : mode === "eth_basis" || mode === "usdt_market_neutral_no_leverage" || mode === "usdt_market_neutral" ? "ETH" : null;
  if (!asset) return [];
  const w = hedgeWeights(params);
  return CEX_VENUES.filter((v) => w[v] > 0).map((venue) => ({ venue, perp: perpSeriesId(venue, asset), funding: fundingSeriesId(venue, asset) }));
}
