// Public contract of the engine: step records (and their flat columnar form), events, the results
// sink and the run summary. The results store, the API and the charts code against this file only.

/** Assets whose net delta is reported per step (asset units). */
export const DELTA_ASSETS = ["BTC", "ETH"] as const;
export type DeltaAsset = (typeof DELTA_ASSETS)[number];

/** CEX venues that can hold perps (and therefore have a margin ratio). */
export const CEX_VENUES = ["binance", "bybit", "okx"] as const;
export type CexVenue = (typeof CEX_VENUES)[number];

/** Every venue a position key can live on (domain §4.2); values per venue are reported per step. */
export const POSITION_VENUES = ["wallet", "binance", "bybit", "okx", "aave_v3", "etherfi", "lido"] as const;
export type PositionVenue = (typeof POSITION_VENUES)[number];

export const SHARE_CLASSES = ["USDT", "ETH", "BTC"] as const;
export type ShareClass = (typeof SHARE_CLASSES)[number];

/** Strategy actions (domain §2.2); the numeric code stored per step is the index + 1 (0 = no action). */
export const STRATEGY_ACTIONS = ["entry_full", "entry_partial", "exit_partial", "exit_full", "sell_dust"] as const;
export type StrategyAction = (typeof STRATEGY_ACTIONS)[number];

/** Decision reasons (domain §2.2); the numeric code stored per step is the index + 1 (0 = none). */
export const DECISION_REASONS = [
  "initial",
  "deposit",
  "withdrawal",
  "equity_deviation",
  "delta_adjust",
  "margin_support",
  "ltv_relever",
  "ltv_delever",
  "risk_override",
  "funding_filter",
  "signal_flat",
  "dust",
  "end_of_run",
] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

/** PnL attribution categories other than the residual (domain §4.5), in column order. */
export const ATTRIBUTION_TERMS = ["funding", "lendingInterest", "borrowCost", "stakingYield", "pricePnl", "fees", "gas"] as const;
export type AttributionTerm = (typeof ATTRIBUTION_TERMS)[number];

/** Attribution of one step (increments) or of a whole run (totals), in share-class currency. */
export type Attribution = Record<AttributionTerm, number> & { residual: number };

/**
 * One timestep's results, flat and numeric. Money is in share-class currency, ratios are fractions,
 * deltas are in asset units. `null` risk figures mean "not applicable" (no debt, no perp on a venue).
 *
 * The engine REUSES one StepRecord object for every step: a sink must copy (or flatten) it inside
 * `onStep`; keeping the reference keeps only the last step.
 */
export interface StepRecord {
  /** Tick time, UTC epoch ms. */
  time: number;
  /** End-of-tick equity (assets − debts). */
  equity: number;
  /** equity / shares; 1 before the first tick acts. */
  nav: number;
  shares: number;
  /** Deposits − withdrawals this tick. */
  netFlow: number;
  /** Idle share-class currency over the wallet and all venues. */
  cash: number;
  /** Attribution increments of this tick; residual = balance PnL − Σ terms. */
  attribution: Attribution;
  /** Net delta per asset in asset units (domain §3.10), all venues summed. */
  netDelta: Record<DeltaAsset, number>;
  exposures: {
    /** Σ |position value| over non-cash positions plus |perp notional|. */
    gross: number;
    /** Σ net delta × price over assets (share-class currency). */
    netDeltaValue: number;
    /** Σ |size| × mark over all perp venues. */
    perpNotional: number;
    /** |net delta value − target| / equity (domain §3.10). */
    deltaRatio: number;
  };
  /** Position value per venue (balances, receipts, spot at valuation price; perps via venue balance). */
  positions: Record<PositionVenue, number>;
  risk: {
    healthFactor: number | null;
    ltv: number | null;
    /** Per CEX venue: USDT collateral / Σ |size|·mark; null without a perp there. */
    marginRatio: Record<CexVenue, number | null>;
    /** Smallest adverse move (fraction) to the first liquidation; null when nothing can be liquidated. */
    liquidationDistance: number | null;
  };
  /** Index + 1 in STRATEGY_ACTIONS of the decision executed this tick, 0 when none. */
  action: number;
  /** Index + 1 in DECISION_REASONS, 0 when none. */
  reason: number;
  /** 1 when any price used this tick was stale (last close carried forward), else 0. */
  stale: number;
}

/**
 * Fixed, ordered numeric column names of a flattened StepRecord (SQL-safe snake_case). Stable: new
 * columns are only ever appended. `null` values flatten to NaN.
 */
export const STEP_COLUMNS = [
  "time_ms",
  "equity",
  "nav",
  "shares",
  "net_flow",
  "cash",
  "attr_funding",
  "attr_lending_interest",
  "attr_borrow_cost",
  "attr_staking_yield",
  "attr_price_pnl",
  "attr_fees",
  "attr_gas",
  "attr_residual",
  "net_delta_btc",
  "net_delta_eth",
  "exposure_gross",
  "exposure_net_delta_value",
  "exposure_perp_notional",
  "delta_ratio",
  "position_wallet",
  "position_binance",
  "position_bybit",
  "position_okx",
  "position_aave_v3",
  "position_etherfi",
  "position_lido",
  "health_factor",
  "ltv",
  "margin_ratio_binance",
  "margin_ratio_bybit",
  "margin_ratio_okx",
  "liquidation_distance",
  "action",
  "reason",
  "stale",
] as const;
export type StepColumn = (typeof STEP_COLUMNS)[number];
export const STEP_COLUMN_COUNT = STEP_COLUMNS.length;

const orNaN = (v: number | null): number => (v === null ? Number.NaN : v);

/**
 * Writes `rec` into `out` at `offset` in STEP_COLUMNS order (allocation-free) and returns `out`.
 * Pass a Float64Array of STEP_COLUMN_COUNT for one row, or a larger buffer and row × count offsets.
 */
export function flattenStepRecord(rec: Readonly<StepRecord>, out: Float64Array = new Float64Array(STEP_COLUMN_COUNT), offset = 0): Float64Array {
  let i = offset;
  const a = rec.attribution;
  out[i++] = rec.time;
  out[i++] = rec.equity;
  out[i++] = rec.nav;
  out[i++] = rec.shares;
  out[i++] = rec.netFlow;
  out[i++] = rec.cash;
  out[i++] = a.funding;
  out[i++] = a.lendingInterest;
  out[i++] = a.borrowCost;
  out[i++] = a.stakingYield;
  out[i++] = a.pricePnl;
  out[i++] = a.fees;
  out[i++] = a.gas;
  out[i++] = a.residual;
  out[i++] = rec.netDelta.BTC;
  out[i++] = rec.netDelta.ETH;
  out[i++] = rec.exposures.gross;
  out[i++] = rec.exposures.netDeltaValue;
  out[i++] = rec.exposures.perpNotional;
  out[i++] = rec.exposures.deltaRatio;
  const p = rec.positions;
  out[i++] = p.wallet;
  out[i++] = p.binance;
  out[i++] = p.bybit;
  out[i++] = p.okx;
  out[i++] = p.aave_v3;
  out[i++] = p.etherfi;
  out[i++] = p.lido;
  const r = rec.risk;
  out[i++] = orNaN(r.healthFactor);
  out[i++] = orNaN(r.ltv);
  out[i++] = orNaN(r.marginRatio.binance);
  out[i++] = orNaN(r.marginRatio.bybit);
  out[i++] = orNaN(r.marginRatio.okx);
  out[i++] = orNaN(r.liquidationDistance);
  out[i++] = rec.action;
  out[i++] = rec.reason;
  out[i++] = rec.stale;
  return out;
}

/** A zeroed StepRecord (the engine fills one and reuses it). */
export function createStepRecord(): StepRecord {
  return {
    time: 0,
    equity: 0,
    nav: 1,
    shares: 0,
    netFlow: 0,
    cash: 0,
    attribution: { funding: 0, lendingInterest: 0, borrowCost: 0, stakingYield: 0, pricePnl: 0, fees: 0, gas: 0, residual: 0 },
    netDelta: { BTC: 0, ETH: 0 },
    exposures: { gross: 0, netDeltaValue: 0, perpNotional: 0, deltaRatio: 0 },
    positions: { wallet: 0, binance: 0, bybit: 0, okx: 0, aave_v3: 0, etherfi: 0, lido: 0 },
    risk: { healthFactor: null, ltv: null, marginRatio: { binance: null, bybit: null, okx: null }, liquidationDistance: null },
    action: 0,
    reason: 0,
    stale: 0,
  };
}

export const EVENT_SEVERITIES = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** JSON-serialisable event payload values. */
export type EventPayloadValue = string | number | boolean | null;

/**
 * An immutable engine event (domain §4.6). `seq` is global and strictly increasing from 1; `time`
 * is the clock time (UTC epoch ms) of the tick it happened in; `type` is past tense
 * (FundingSettled, OrderFilled, DecisionTaken, HedgeVenueExcluded, …).
 */
export interface EngineEvent {
  readonly seq: number;
  readonly time: number;
  readonly type: string;
  readonly component: string;
  readonly venue?: string;
  readonly severity?: EventSeverity;
  readonly payload: Readonly<Record<string, EventPayloadValue>>;
}

/** Receives a run's results as they are produced (synchronously, in order). */
export interface ResultsSink {
  /** Called once per tick; `rec` is reused by the engine (copy or flatten it now). */
  onStep(rec: Readonly<StepRecord>): void;
  /** Called once per event, in seq order. */
  onEvent(ev: EngineEvent): void;
  /** Called every so often with ticks done / total ticks. */
  onProgress?(done: number, total: number): void;
}

/** Metrics of a run (domain §5); null when fewer than 2 returns or a zero denominator. */
export interface RunMetrics {
  totalReturn: number;
  apy: number | null;
  annualVolatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number;
  maxDrawdownDays: number;
  rebalances: number;
  feesPaid: number;
  fundingCaptured: number;
  timeInMarket: number;
}

/** The run summary; exactly the `npm run backtest -- --json` object. */
export interface RunSummary {
  mode: string;
  dataset: string;
  /** ISO-8601 UTC of the first tick. */
  start: string;
  /** ISO-8601 UTC of the last tick. */
  end: string;
  shareClass: ShareClass;
  initialCapital: number;
  finalEquity: number;
  steps: number;
  events: number;
  metrics: RunMetrics;
  attribution: Attribution;
}

/** Extra figures kept with a run (not part of the --json shape). */
export interface RunDetails {
  apr: number;
  /** true when the window is under 30 days (APY is then noisy). */
  apyFlagged: boolean;
  calmar: number | null;
  maxDrawdownUnrecovered: boolean;
  notionalTraded: number;
  liquidations: number;
  minHealthFactor: number | null;
  minMarginRatio: number | null;
  maxAbsDeltaRatio: number;
  maxAbsResidual: number;
  riskFreeRate: number;
  fundingByVenue: Record<CexVenue, number>;
  /** Venue hedge weights actually used (after exclusions and renormalisation); empty for non-hedged modes. */
  hedgeWeights: Partial<Record<CexVenue, number>>;
  warnings: string[];
  /** Parameters after validation and defaults. */
  params: Record<string, unknown>;
}
