"use client";
// One metric of several runs overlaid on a shared x axis (calendar time or days since start).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { runColor } from "./run-colors";

export interface OverlayRun {
  id: string;
  name: string;
}

export function OverlayChart(props: {
  title: string;
  testId: string;
  x: number[];
  columns: Record<string, (number | null)[]>;
  runs: OverlayRun[];
  metric: string;
  align: "calendar" | "sinceStart";
  format?: (v: number) => string;
}) {
  const { x, columns, runs, metric, align } = props;
  const present = runs.filter((r) => (columns[`${r.id}:${metric}`] ?? []).some((v) => v !== null));
  if (present.length === 0) return null;
  const data = x.map((xv, i) => {
    const row: Record<string, number | null> = { x: xv };
    for (const r of present) row[r.id] = columns[`${r.id}:${metric}`]?.[i] ?? null;
    return row;
  });
  const fmtX = (v: number) => (align === "calendar" ? new Date(v).toISOString().slice(0, 10) : `${v.toFixed(0)} d`);
  const fmtY = props.format ?? ((v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 }));
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={props.testId}>
      <figcaption className="mb-2 text-sm font-semibold text-slate-700">{props.title}</figcaption>
      <div className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 5, right: 20, bottom: 5, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="x" type="number" domain={["dataMin", "dataMax"]} tickFormatter={fmtX} tick={{ fontSize: 11 }} minTickGap={40} />
            <YAxis tickFormatter={fmtY} tick={{ fontSize: 11 }} width={70} domain={["auto", "auto"]} />
            <Tooltip labelFormatter={(v) => fmtX(Number(v))} formatter={(v) => fmtY(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {present.map((r) => (
              <Line key={r.id} dataKey={r.id} name={r.name.length > 48 ? `…${r.name.slice(-47)}` : r.name} stroke={runColor(runs.indexOf(r))} dot={false} isAnimationActive={false} connectNulls strokeWidth={1.5} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
