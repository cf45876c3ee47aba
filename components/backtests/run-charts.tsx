"use client";
// The run page's charts from the server-thinned series: equity and drawdown, cumulative PnL
// attribution (stacked), exposures and net delta, risk with threshold lines, funding by venue.
import { keysWithData } from "@/components/charts/chart-rows";
import { TimeSeriesChart, type SeriesSpec, type Threshold } from "@/components/charts/time-series-chart";
import { Card } from "@/components/ui/card";
import type { ChartSeries, RunSeries } from "@/server/runs/run-series-schema";

const ATTRIBUTION: SeriesSpec[] = [
  { key: "funding", label: "Funding", color: "#16a34a" },
  { key: "lendingInterest", label: "Lending interest", color: "#2563eb" },
  { key: "stakingYield", label: "Staking yield", color: "#0891b2" },
  { key: "borrowCost", label: "Borrow cost", color: "#ea580c" },
  { key: "pricePnl", label: "Price PnL", color: "#9333ea" },
  { key: "fees", label: "Fees", color: "#dc2626" },
  { key: "gas", label: "Gas", color: "#ca8a04" },
  { key: "residual", label: "Residual", color: "#64748b" },
];

const only = (data: ChartSeries, specs: SeriesSpec[]) => {
  const keep = new Set(keysWithData(data, specs.map((s) => s.key)));
  return specs.filter((s) => keep.has(s.key));
};

function ChartCard({ title, testId, children, note }: { title: string; testId: string; children: React.ReactNode; note?: string }) {
  return (
    <Card title={title} className="min-w-0">
      <div data-testid={testId}>{children}</div>
      {note ? <p className="mt-2 text-xs text-muted">{note}</p> : null}
    </Card>
  );
}

/** Terms of one sign throughout stack; terms that change sign are drawn as lines (with the total). */
function attributionSpecs(data: ChartSeries): SeriesSpec[] {
  const specs = only(data, ATTRIBUTION).map((s) => {
    const v = data.series[s.key] ?? [];
    const oneSign = v.every((x) => x === null || x >= 0) || v.every((x) => x === null || x <= 0);
    return oneSign ? s : { ...s, unstacked: true };
  });
  return [...specs.filter((s) => !s.unstacked), ...specs.filter((s) => s.unstacked), { key: "total", label: "Total PnL", color: "#0f172a", unstacked: true }];
}

export function RunCharts({ series, shareClass }: { series: RunSeries; shareClass: string }) {
  const attribution = attributionSpecs(series.attribution);
  const exposure = only(series.exposure, [
    { key: "gross", label: "Gross exposure", color: "#2563eb" },
    { key: "perpNotional", label: "Perp notional", color: "#9333ea" },
    { key: "netDeltaValue", label: "Net delta value", color: "#dc2626" },
    { key: "netDeltaBTC", label: "Net delta BTC", color: "#ea580c", right: true },
    { key: "netDeltaETH", label: "Net delta ETH", color: "#0891b2", right: true },
  ]);
  const risk = only(series.risk, [
    { key: "marginRatio_binance", label: "Margin ratio Binance", color: "#ca8a04" },
    { key: "marginRatio_bybit", label: "Margin ratio Bybit", color: "#ea580c" },
    { key: "marginRatio_okx", label: "Margin ratio OKX", color: "#64748b" },
    { key: "liquidationDistance", label: "Liquidation distance", color: "#9333ea" },
    { key: "ltv", label: "LTV", color: "#0891b2" },
    { key: "healthFactor", label: "Health factor", color: "#2563eb", right: true },
  ]);
  const t = series.thresholds;
  const hasMargin = risk.some((r) => r.key.startsWith("marginRatio_"));
  const thresholds: Threshold[] = [];
  if (hasMargin && t.marginWarning !== null) thresholds.push({ y: t.marginWarning, label: "margin warning", color: "#ca8a04" });
  if (hasMargin && t.marginCritical !== null) thresholds.push({ y: t.marginCritical, label: "margin critical", color: "#ea580c" });
  if (hasMargin && t.maintenanceMargin !== null) thresholds.push({ y: t.maintenanceMargin, label: "maintenance", color: "#dc2626" });
  if (risk.some((r) => r.key === "healthFactor")) thresholds.push({ y: t.healthFactorLiquidation, label: "HF liquidation", color: "#dc2626", right: true });
  const venues = Object.keys(series.funding.series).sort();
  const points = series.equity.t.length;
  return (
    <div className="mb-6 grid gap-4 xl:grid-cols-2" data-testid="run-charts">
      <ChartCard title={`Equity and drawdown (${shareClass})`} testId="chart-equity" note={`${points.toLocaleString("en-US")} of ${series.steps.toLocaleString("en-US")} steps plotted (LTTB); exports hold every step.`}>
        <TimeSeriesChart
          data={series.equity}
          lines={[
            { key: "equity", label: "Equity", color: "#2563eb" },
            { key: "drawdown", label: "Drawdown", color: "#dc2626", right: true, filled: true },
          ]}
          format="money"
          rightFormat="percent"
        />
      </ChartCard>
      <ChartCard title={`Cumulative PnL attribution (${shareClass})`} testId="chart-attribution">
        <TimeSeriesChart data={series.attribution} lines={attribution} kind="stacked-area" format="money" />
      </ChartCard>
      <ChartCard title="Exposures and net delta" testId="chart-exposure">
        {exposure.length > 0 ? <TimeSeriesChart data={series.exposure} lines={exposure} format="money" rightFormat="units" rightMinSpan={0.001} /> : <p className="text-sm text-muted">No exposure recorded.</p>}
      </ChartCard>
      <ChartCard title="Risk" testId="chart-risk" note="Margin ratio per venue and liquidation distance (left), AAVE health factor (right); dashed lines are the thresholds.">
        {risk.length > 0 ? <TimeSeriesChart data={series.risk} lines={risk} format="ratio" rightFormat="ratio" thresholds={thresholds} /> : <p className="text-sm text-muted">Nothing in this run can be liquidated (no debt, no perps).</p>}
      </ChartCard>
      <ChartCard title={`Funding captured by venue (${shareClass}, cumulative)`} testId="chart-funding">
        {venues.length > 0 ? (
          <TimeSeriesChart data={series.funding} lines={venues.map((v) => ({ key: v, label: v }))} format="money" />
        ) : (
          <p className="text-sm text-muted">This mode holds no perps, so it earns no funding.</p>
        )}
      </ChartCard>
    </div>
  );
}
