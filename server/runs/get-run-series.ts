// getRunSeries: reads a run's stored steps (only the columns the charts need) and its funding
// events, derives cumulative attribution, drawdown and per-venue funding at full resolution, then
// thins each chart to ≤ 2,000 points with LTTB on one shared index set per chart.
import { z } from "zod";
import { lttbIndexesMulti } from "../charts/lttb";
import { getPool } from "../db/pool";
import { AppError } from "../errors";
import { MAX_CHART_POINTS, type ChartSeries, type RunSeries } from "./run-series-schema";

const COLUMNS = {
  equity: "equity",
  funding: "attr_funding",
  lendingInterest: "attr_lending_interest",
  borrowCost: "attr_borrow_cost",
  stakingYield: "attr_staking_yield",
  pricePnl: "attr_price_pnl",
  fees: "attr_fees",
  gas: "attr_gas",
  residual: "attr_residual",
  netDeltaBTC: "net_delta_btc",
  netDeltaETH: "net_delta_eth",
  gross: "exposure_gross",
  netDeltaValue: "exposure_net_delta_value",
  perpNotional: "exposure_perp_notional",
  healthFactor: "health_factor",
  ltv: "ltv",
  marginRatio_binance: "margin_ratio_binance",
  marginRatio_bybit: "margin_ratio_bybit",
  marginRatio_okx: "margin_ratio_okx",
  liquidationDistance: "liquidation_distance",
} as const;
type Key = keyof typeof COLUMNS;
/**
 * Points per chart on the run page, under the 2,000 cap: the page draws five charts and Recharts
 * costs ~50 µs a point (stack-notes §8). Measured in Chromium on this machine, idle: data → all
 * five charts drawn ≈ 400 ms at 1,000 points, ≈ 300 ms at 500 (`bench ui`). 500 points still give
 * about one point per pixel of a half-width chart; exports keep every step.
 */
export const RUN_PAGE_CHART_POINTS = 500;

const ATTRIBUTION_KEYS = ["funding", "lendingInterest", "borrowCost", "stakingYield", "pricePnl", "fees", "gas", "residual"] as const;

/** Thins a chart: one LTTB index set over all its series (nulls count as 0 for the choice only). */
export function thinChart(t: Float64Array | number[], series: Record<string, ArrayLike<number>>, maxPoints = MAX_CHART_POINTS): ChartSeries {
  const names = Object.keys(series);
  const ys = names.map((n) => Float64Array.from(series[n] as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : 0)));
  const idx = lttbIndexesMulti(t, ys, maxPoints);
  const out: ChartSeries = { t: Array.from(idx, (i) => t[i] as number), series: {} };
  for (const n of names) {
    const src = series[n] as ArrayLike<number>;
    out.series[n] = Array.from(idx, (i) => {
      const v = src[i] as number;
      return Number.isFinite(v) ? v : null;
    });
  }
  return out;
}

const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));

export async function getRunSeries(runId: string, maxPoints = RUN_PAGE_CHART_POINTS): Promise<RunSeries> {
  const pool = getPool();
  const head = await pool.query(`SELECT config FROM runs WHERE id = $1`, [runId]);
  if (!head.rows[0]) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  const config = z.record(z.string(), z.unknown()).catch({}).parse(head.rows[0].config);
  // each column comes back as one bytea of big-endian float8s (NULL → NaN bits): no per-value
  // text parsing, ~4× faster than array_agg for a 15k-step run
  const agg = (c: string) => `string_agg(COALESCE(float8send(${c}), '\\x7ff8000000000000'::bytea), ''::bytea ORDER BY step)`;
  const cols = (Object.entries(COLUMNS) as [Key, string][]).map(([k, c]) => `${agg(c)} AS "${k}"`).join(", ");
  const { rows } = await pool.query(`SELECT ${agg("time_ms")} AS t, ${cols} FROM run_steps WHERE run_id = $1`, [runId]);
  const row = (rows[0] ?? {}) as Record<string, Buffer | null>;
  const decode = (b: Buffer | null | undefined): Float64Array => {
    if (!b) return new Float64Array(0);
    const out = new Float64Array(b.length / 8);
    for (let i = 0; i < out.length; i++) out[i] = b.readDoubleBE(i * 8);
    return out;
  };
  const t = decode(row.t);
  const col = (k: Key) => decode(row[k]);
  const n = t.length;

  const equity = col("equity");
  const drawdown = new Float64Array(n);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    peak = Math.max(peak, equity[i] as number);
    drawdown[i] = peak > 0 ? (equity[i] as number) / peak - 1 : 0;
  }
  const attribution: Record<string, Float64Array> = {};
  for (const k of ATTRIBUTION_KEYS) {
    const inc = col(k);
    const cum = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = inc[i] as number;
      if (Number.isFinite(v)) s += v;
      cum[i] = s;
    }
    attribution[k] = cum;
  }
  // total PnL: the sum of every term, drawn over the stacked components
  const total = new Float64Array(n);
  for (const k of ATTRIBUTION_KEYS) {
    const c = attribution[k] as Float64Array;
    for (let i = 0; i < n; i++) total[i] = (total[i] as number) + (c[i] as number);
  }
  attribution.total = total;

  // funding cash per venue, cumulated at each step time (events carry the tick time)
  const ev = await pool.query(
    `SELECT venue, time_ms AS t, (payload->>'cash')::float8 AS cash FROM run_events WHERE run_id = $1 AND type = 'FundingSettled' AND venue IS NOT NULL ORDER BY seq`,
    [runId],
  );
  const venues = [...new Set(ev.rows.map((r) => String(r.venue)))].sort();
  const funding: Record<string, Float64Array> = {};
  for (const v of venues) funding[v] = new Float64Array(n);
  if (venues.length > 0) {
    const totals: Record<string, number> = Object.fromEntries(venues.map((v) => [v, 0]));
    let e = 0;
    for (let i = 0; i < n; i++) {
      while (e < ev.rows.length && num(ev.rows[e].t) <= (t[i] as number)) {
        const r = ev.rows[e];
        const cash = num(r.cash);
        if (Number.isFinite(cash)) totals[String(r.venue)] = (totals[String(r.venue)] ?? 0) + cash;
        e++;
      }
      for (const v of venues) (funding[v] as Float64Array)[i] = totals[v] ?? 0;
    }
  }

  const numOrNull = (v: unknown) => (typeof v === "number" ? v : null);
  return {
    steps: n,
    equity: thinChart(t, { equity, drawdown }, maxPoints),
    attribution: thinChart(t, attribution, maxPoints),
    exposure: thinChart(t, { netDeltaBTC: col("netDeltaBTC"), netDeltaETH: col("netDeltaETH"), gross: col("gross"), netDeltaValue: col("netDeltaValue"), perpNotional: col("perpNotional") }, maxPoints),
    risk: thinChart(
      t,
      { healthFactor: col("healthFactor"), ltv: col("ltv"), marginRatio_binance: col("marginRatio_binance"), marginRatio_bybit: col("marginRatio_bybit"), marginRatio_okx: col("marginRatio_okx"), liquidationDistance: col("liquidationDistance") },
      maxPoints,
    ),
    funding: thinChart(t, funding, maxPoints),
    thresholds: {
      healthFactorLiquidation: 1,
      marginWarning: numOrNull(config.marginWarningRatio),
      marginCritical: numOrNull(config.marginCriticalRatio),
      maintenanceMargin: numOrNull(config.maintenanceMarginRatio),
    },
  };
}
