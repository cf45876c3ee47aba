"use client";
// The run's event log: paged (server-side), filterable by event type and severity.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { EVENT_SEVERITIES } from "@/server/engine/types";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { dateTime } from "./format-run";

const PAGE_SIZE = 25;
const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

function payloadText(p: Record<string, string | number | boolean | null>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === "number" ? Number(v.toPrecision(6)) : String(v)}`)
    .join("  ");
}

export function RunEventLog({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(0);
  const [type, setType] = useState("");
  const [severity, setSeverity] = useState("");
  const q = useQuery({
    ...trpc.backtest.events.queryOptions({ runId, page, pageSize: PAGE_SIZE, type: type || undefined, severity: severity || undefined }),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Card title="Event log">
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm" data-testid="event-filters">
        <label className="flex items-center gap-1">
          Type
          <select className={selectClass} value={type} onChange={(e) => (setType(e.target.value), setPage(0))} data-testid="event-type-filter">
            <option value="">all</option>
            {data?.types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Severity
          <select className={selectClass} value={severity} onChange={(e) => (setSeverity(e.target.value), setPage(0))}>
            <option value="">all</option>
            {EVENT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="text-muted" data-testid="event-total">{data ? `${data.total.toLocaleString("en-US")} events` : "…"}</span>
        <div className="ml-auto flex items-center gap-2">
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40" disabled={page === 0} onClick={() => setPage((p) => p - 1)} data-testid="events-prev">
            ‹ Prev
          </button>
          <span data-testid="events-page">
            page {page + 1} / {pages}
          </span>
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)} data-testid="events-next">
            Next ›
          </button>
        </div>
      </div>
      {q.isError ? <p className="text-sm text-bad">Could not load events: {q.error.message}</p> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs" data-testid="event-table">
          <thead className="text-muted">
            <tr>
              <th className="py-1 pr-3">#</th>
              <th className="py-1 pr-3">Time (UTC)</th>
              <th className="py-1 pr-3">Type</th>
              <th className="py-1 pr-3">Component</th>
              <th className="py-1 pr-3">Venue</th>
              <th className="py-1 pr-3">Severity</th>
              <th className="py-1">Payload</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {data?.events.map((e) => (
              <tr key={e.seq} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-3">{e.seq}</td>
                <td className="whitespace-nowrap py-1 pr-3">{dateTime(new Date(e.time))}</td>
                <td className="py-1 pr-3">{e.type}</td>
                <td className="py-1 pr-3">{e.component}</td>
                <td className="py-1 pr-3">{e.venue ?? ""}</td>
                <td className="py-1 pr-3">{e.severity ?? ""}</td>
                <td className="break-all py-1">{payloadText(e.payload)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
