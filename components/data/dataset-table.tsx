"use client";
// The list of stored data sets: name, source (SYNTHETIC badge), version, created, size, series count.
import type { DatasetSummaryDto } from "@/server/market-data/overview/get-dataset-coverage";
import { formatBytes, formatUtc } from "./format";
import { SourceBadge } from "./source-badge";

export function DatasetTable({ datasets, selectedId, onSelect }: { datasets: DatasetSummaryDto[]; selectedId: string | null; onSelect: (d: DatasetSummaryDto) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="dataset-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-muted">
          <tr>
            <th className="py-2 pr-4">Name</th>
            <th className="py-2 pr-4">Source</th>
            <th className="py-2 pr-4">Version</th>
            <th className="py-2 pr-4">Created (UTC)</th>
            <th className="py-2 pr-4 text-right">Size</th>
            <th className="py-2 pr-4 text-right">Series</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => {
            const selected = d.id === selectedId;
            return (
              <tr
                key={d.id}
                data-testid="dataset-row"
                data-name={d.name}
                data-version={d.version}
                className={`cursor-pointer border-b border-slate-100 last:border-0 ${selected ? "bg-sky-50" : "hover:bg-slate-50"}`}
                onClick={() => onSelect(d)}
              >
                <td className="py-2 pr-4 font-medium">
                  {d.name}
                  {d.description ? <div className="max-w-md truncate text-xs font-normal text-muted" title={d.description}>{d.description}</div> : null}
                </td>
                <td className="py-2 pr-4"><SourceBadge source={d.source} /></td>
                <td className="py-2 pr-4">v{d.version}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{formatUtc(d.createdAt.getTime())}</td>
                <td className="py-2 pr-4 text-right whitespace-nowrap">{formatBytes(d.sizeBytes)}</td>
                <td className="py-2 pr-4 text-right">{d.seriesCount}</td>
                <td className="py-2 text-right">
                  <button type="button" className={`rounded-md px-2 py-1 text-xs ${selected ? "bg-brand text-white" : "border border-slate-300"}`} aria-pressed={selected}>
                    {selected ? "Shown" : "Show"}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
