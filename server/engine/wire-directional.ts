// Backtest wiring of the signal-driven directional modes (ml_btc_directional_usdt_margin and
// ml_btc_directional_btc_margin), called from kernel.wireBacktest: capital starts on Binance (USDT,
// or BTC collateral for the BTC class), one BTCUSDT perp, the signal source the parameters name.
import { EngineError } from "./core/errors";
import { KeyRegistry } from "./core/position-keys";
import type { DataProvider } from "./components/data-provider";
import type { PerpSlot } from "./components/position-monitor";
import { buildSlotValuation } from "./components/valuation";
import type { DirectionalParams } from "./config/directional-params";
import { MODE_INFO, type ModeId } from "./config/modes";
import { REFERENCE_SPOT, fundingSeriesId, perpSeriesId, requiredSeries } from "./config/required-series";
import type { EngineConfig } from "./kernel";
import type { BacktestWiring } from "./wire-backtest";
import { createHandshake } from "./messages/orders";
import { CsvSignal, parseSignalCsv } from "./signals/csv-signal";
import { MovingAverageTrendSignal } from "./signals/ma-trend";
import type { SignalSource } from "./signals/signal";
import { DirectionalStrategy, directionalKeys } from "./strategies/directional";
import { createCostModel } from "./venues/cost-model";
import { SimulatedCex } from "./venues/simulated-cex";
import { requireSeriesCoverage } from "./wire-staking";

export type DirectionalMode = "ml_btc_directional_usdt_margin" | "ml_btc_directional_btc_margin";

export function isDirectional(mode: ModeId): mode is DirectionalMode {
  return mode === "ml_btc_directional_usdt_margin" || mode === "ml_btc_directional_btc_margin";
}

/** Inputs a directional run may carry besides parameters (the CLI reads the file). */
export interface DirectionalInputs {
  /** Text of the user's signal CSV (`signalSource: csv`). */
  readonly signalCsv?: string;
}

export function signalSourceFor(params: DirectionalParams, inputs: DirectionalInputs): SignalSource {
  if (params.signalSource === "ma_trend") return new MovingAverageTrendSignal(params.maFastBars, params.maSlowBars);
  if (inputs.signalCsv === undefined) throw new EngineError("CONFIG-002", "signalSource csv needs a signal file (CLI: --signal-csv <file>)");
  return new CsvSignal(parseSignalCsv(inputs.signalCsv));
}

export function wireDirectional(mode: DirectionalMode, params: DirectionalParams, data: DataProvider, capital: number, inputs: DirectionalInputs = {}): BacktestWiring {
  const info = MODE_INFO[mode];
  requireSeriesCoverage(data, requiredSeries(mode, params));
  const margin = mode === "ml_btc_directional_usdt_margin" ? "USDT" : "BTC";
  const cost = createCostModel(params.costs, params.gasCostMultiplier);
  const one = data.constant(1);
  const zero = data.constant(0);
  const perpId = perpSeriesId("binance", "BTC");
  const mark = data.priceOpen(perpId);
  const spot = data.priceOpen(REFERENCE_SPOT.BTC);
  const funding = data.funding(fundingSeriesId("binance", "BTC"));
  const raw = data.series(perpId);
  const field = (name: string): Float64Array => {
    const f = raw.fields[name];
    if (!f) throw new EngineError("DATA-002", `${perpId} has no ${name}`);
    return f;
  };
  const source = signalSourceFor(params, inputs);
  const strategy = new DirectionalStrategy(margin, params, source, { bars: { time: raw.time, open: field("open"), high: field("high"), low: field("low"), close: field("close") }, mark, spot: margin === "BTC" ? spot : null }, cost);
  const keys = new KeyRegistry(directionalKeys(margin));
  strategy.bind(keys);
  const collateral = margin === "BTC" ? { asset: "BTC", price: spot } : undefined;
  const cex = new SimulatedCex(
    "binance",
    keys,
    {
      spot: margin === "BTC" ? { BTC: spot } : {},
      mark: { BTC: mark },
      funding: { BTC: funding },
      gasGwei: zero,
      ethUsdt: one,
      maintenanceMarginRatio: params.maintenanceMarginRatio,
      ...(collateral ? { collateral } : {}),
    },
    cost,
  );
  // capital starts on the CEX (domain §2.2): credit the venue's book as an incoming transfer
  const fundSlot = keys.slot(`binance:BaseToken:${margin}`);
  cex.receiveTransfer("binance", margin, capital, createHandshake());
  const usdtSlot = keys.slot("binance:BaseToken:USDT");
  const btcSlot = margin === "BTC" ? keys.slot("binance:BaseToken:BTC") : -1;
  const perps: PerpSlot[] = [
    { venue: "binance", asset: "BTC", sizeSlot: keys.slot("binance:Perp:BTCUSDT"), usdtSlot, mark, funding, ...(margin === "BTC" ? { collateral: { slot: btcSlot, price: spot } } : {}) },
  ];
  const usdtPx = margin === "USDT" ? one : data.ratio("usdtPerBtc", one, spot);
  const btcPx = margin === "USDT" ? spot : one;
  const priceOf = (a: string): Float64Array => (a === "USDT" ? usdtPx : a === "BTC" ? btcPx : one);
  const slots = keys.keys.map((key) => buildSlotValuation(key, info.shareClass, priceOf, () => null));
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
    ethPx: null,
    assetPx: [btcPx, null],
    riskLevels: { warning: params.marginWarningRatio, critical: params.marginCriticalRatio, maintenance: params.maintenanceMarginRatio },
    opening: [{ slot: fundSlot, amount: capital }],
  };
  return { config, venues: [cex], hedgeWeights: {}, warnings: [] };
}
