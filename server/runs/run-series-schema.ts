// Isomorphic shape of a run's chart data: per chart a shared time axis and named series, thinned on
// the server with LTTB to ≤ MAX_CHART_POINTS (stack-notes §8). `null` = not applicable there.
import { z } from "zod";

export const MAX_CHART_POINTS = 2_000;

export const chartSeriesSchema = z.object({
  /** UTC epoch ms */
  t: z.array(z.number()),
  series: z.record(z.string(), z.array(z.number().nullable())),
});
export type ChartSeries = z.infer<typeof chartSeriesSchema>;

export const runSeriesSchema = z.object({
  /** Steps stored for the run (full resolution, before thinning). */
  steps: z.number(),
  /** equity, drawdown (≤ 0 fraction below the running peak) */
  equity: chartSeriesSchema,
  /** cumulative PnL per attribution term (funding, lendingInterest, …, residual) and their total */
  attribution: chartSeriesSchema,
  /** netDeltaBTC, netDeltaETH (asset units); gross, netDeltaValue, perpNotional (currency) */
  exposure: chartSeriesSchema,
  /** healthFactor, ltv, marginRatio_<venue>, liquidationDistance */
  risk: chartSeriesSchema,
  /** cumulative funding cash per venue (from FundingSettled events) */
  funding: chartSeriesSchema,
  thresholds: z.object({
    healthFactorLiquidation: z.number(),
    marginWarning: z.number().nullable(),
    marginCritical: z.number().nullable(),
    maintenanceMargin: z.number().nullable(),
  }),
});
export type RunSeries = z.infer<typeof runSeriesSchema>;
