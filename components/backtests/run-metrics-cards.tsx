// Summary metrics of a finished run as cards (domain §5): returns, risk-adjusted ratios, drawdown,
// costs and funding, with the run's warnings underneath.
import type { RunDto } from "@/server/runs/run-schemas";
import { money, num, pct } from "./format-run";

function Metric({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm" data-testid={testId}>
      <div className="text-xs text-muted">{label}</div>
      <div className="mt-1 text-lg font-semibold tabular-nums" data-testid={testId ? `${testId}-value` : undefined}>{value}</div>
      {hint ? <div className="text-xs text-muted">{hint}</div> : null}
    </div>
  );
}

export function RunMetricsCards({ run }: { run: RunDto }) {
  const s = run.summary;
  if (!s) return null;
  const m = s.metrics;
  const d = run.details;
  const ccy = run.shareClass;
  return (
    <div className="mb-6" data-testid="metrics-cards">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Metric label="APY" value={pct(m.apy)} hint={d?.apyFlagged ? "window < 30 days: noisy" : undefined} testId="metric-apy" />
        <Metric label="Total return" value={pct(m.totalReturn)} testId="metric-total-return" />
        <Metric label="Sharpe" value={num(m.sharpe)} hint={`Sortino ${num(m.sortino)}`} testId="metric-sharpe" />
        <Metric label="Max drawdown" value={pct(m.maxDrawdown)} hint={`${num(m.maxDrawdownDays, 1)} days`} testId="metric-max-drawdown" />
        <Metric label="Final equity" value={money(s.finalEquity, ccy)} hint={`from ${money(s.initialCapital, ccy)}`} testId="metric-final-equity" />
        <Metric label="Volatility (ann.)" value={pct(m.annualVolatility)} testId="metric-volatility" />
        <Metric label="Funding captured" value={money(m.fundingCaptured, ccy)} testId="metric-funding" />
        <Metric label="Fees paid" value={money(m.feesPaid, ccy)} testId="metric-fees" />
        <Metric label="Rebalances" value={String(m.rebalances)} testId="metric-rebalances" />
        <Metric label="Time in market" value={pct(m.timeInMarket, 1)} testId="metric-time-in-market" />
        <Metric label="Min health factor" value={num(d?.minHealthFactor ?? null)} testId="metric-min-hf" />
        <Metric label="Steps / events" value={`${s.steps.toLocaleString("en-US")} / ${s.events.toLocaleString("en-US")}`} hint={run.durationMs !== null ? `ran in ${(run.durationMs / 1000).toFixed(1)} s` : undefined} testId="metric-steps" />
      </div>
      {d?.warnings && d.warnings.length > 0 ? (
        <ul className="mt-3 list-disc pl-5 text-xs text-amber-800" data-testid="run-warnings">
          {d.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
