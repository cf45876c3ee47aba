"use client";
// The data-quality report per series: span, counts, gaps, and every repair the importer applied.
import type { SeriesCoverageRow } from "@/server/market-data/overview/get-dataset-coverage";
import { formatUtc } from "./format";

export function QualityTable({ series, warnings }: { series: SeriesCoverageRow[]; warnings: string[] }) {
  const derived = series.filter((s) => s.origin === "derived").length;
  return (
    <div>
      {derived > 0 ? (
        <p className="mb-3 text-xs text-muted" data-testid="quality-derived-note">
          {derived === series.length ? "This data set was saved without an import report" : `${derived} series have no import report`}: counts and gaps are derived
          from the stored timestamps (a step longer than 1.5× the usual spacing is a gap); nothing was repaired.
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="mb-3 list-disc space-y-1 pl-5 text-xs text-amber-800" data-testid="quality-warnings">
          {warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs" data-testid="quality-table">
          <thead className="border-b border-slate-200 uppercase text-muted">
            <tr>
              <th className="py-2 pr-3">Series</th>
              <th className="py-2 pr-3">First (UTC)</th>
              <th className="py-2 pr-3">Last (UTC)</th>
              <th className="py-2 pr-3 text-right">Count</th>
              <th className="py-2 pr-3 text-right">Expected</th>
              <th className="py-2 pr-3 text-right">Gaps</th>
              <th className="py-2 pr-3 text-right">Duplicates dropped</th>
              <th className="py-2 pr-3 text-right">Conflicts resolved</th>
              <th className="py-2 pr-3 text-right">Out of bounds</th>
              <th className="py-2">Repairs / notes</th>
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.id} className="border-b border-slate-100 align-top last:border-0" data-testid="quality-row">
                <td className="py-1.5 pr-3 font-mono">{s.id}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{formatUtc(s.first)}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{formatUtc(s.last)}</td>
                <td className="py-1.5 pr-3 text-right">{s.count}</td>
                <td className="py-1.5 pr-3 text-right">{s.expectedCount}</td>
                <td className={`py-1.5 pr-3 text-right ${s.gaps.length > 0 ? "font-semibold text-red-600" : ""}`}>{s.gaps.length}</td>
                <td className="py-1.5 pr-3 text-right">{s.duplicatesDropped}</td>
                <td className="py-1.5 pr-3 text-right">{s.conflictsResolved}</td>
                <td className={`py-1.5 pr-3 text-right ${s.outOfBounds > 0 ? "text-amber-700" : ""}`}>{s.outOfBounds}</td>
                <td className="py-1.5 text-muted">
                  {[...Object.entries(s.repairs).map(([k, v]) => `${k}: ${v}`), ...(s.interpolated ? ["interpolated"] : []), ...s.staleNotes].join(" · ")}
                  {s.source ? <div className="font-mono text-[10px]">{s.source}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
