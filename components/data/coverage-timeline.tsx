"use client";
// Coverage timeline: one bar per series across the data set's span, covered stretch in blue, gaps in
// red (from the quality report, or derived from the stored times), hover for the exact ranges.
import type { SeriesCoverageRow } from "@/server/market-data/overview/get-dataset-coverage";
import { formatDay, formatUtc } from "./format";

const LABEL_W = 220;
const BAR_W = 640;
const ROW_H = 18;

export function CoverageTimeline({ start, end, series }: { start: number; end: number; series: SeriesCoverageRow[] }) {
  const span = Math.max(1, end - start);
  const x = (t: number) => LABEL_W + ((t - start) / span) * BAR_W;
  const height = series.length * ROW_H + 24;
  return (
    <div className="overflow-x-auto">
      <svg data-testid="coverage-timeline" width={LABEL_W + BAR_W + 60} height={height} className="font-mono text-[10px]" role="img" aria-label="Coverage timeline per series">
        {series.map((s, i) => {
          const y = i * ROW_H + 4;
          return (
            <g key={s.id} data-testid="coverage-row" data-series={s.id} data-gaps={s.gaps.length}>
              <text x={LABEL_W - 8} y={y + 11} textAnchor="end" className="fill-slate-600">
                {s.id}
              </text>
              <rect x={LABEL_W} y={y + 3} width={BAR_W} height={ROW_H - 8} className="fill-slate-100" />
              <rect x={x(s.first)} y={y + 3} width={Math.max(1, x(s.last) - x(s.first))} height={ROW_H - 8} className="fill-sky-500">
                <title>{`${s.id}: ${formatUtc(s.first)} … ${formatUtc(s.last)} UTC, ${s.count} of ${s.expectedCount} points`}</title>
              </rect>
              {s.gaps.map((g) => (
                <rect key={g.from} data-testid="coverage-gap" x={x(g.from)} y={y + 1} width={Math.max(2, x(g.to) - x(g.from))} height={ROW_H - 4} className="fill-red-500">
                  <title>{`gap ${formatUtc(g.from)} … ${formatUtc(g.to)} UTC`}</title>
                </rect>
              ))}
              <text x={LABEL_W + BAR_W + 6} y={y + 11} className={s.gaps.length > 0 ? "fill-red-600" : "fill-slate-400"}>
                {s.gaps.length > 0 ? `${s.gaps.length} gap${s.gaps.length > 1 ? "s" : ""}` : "ok"}
              </text>
            </g>
          );
        })}
        <text x={LABEL_W} y={height - 4} className="fill-slate-500">{formatDay(start)}</text>
        <text x={LABEL_W + BAR_W} y={height - 4} textAnchor="end" className="fill-slate-500">{formatDay(end)}</text>
      </svg>
    </div>
  );
}
