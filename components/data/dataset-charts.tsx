"use client";
// Line charts of a data set (already thinned on the server to ≤ 2,000 points each): funding by venue,
// AAVE APRs, LST exchange rates, prices. Recharts, time on a numeric UTC axis.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DatasetChart } from "@/server/market-data/overview/get-dataset-charts";
import { Card } from "@/components/ui/card";
import { formatDay, formatUtc } from "./format";

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569", "#ea580c"];

function formatValue(v: number): string {
  const a = Math.abs(v);
  if (a >= 1000) return v.toFixed(0);
  if (a >= 10) return v.toFixed(2);
  return v.toPrecision(4);
}

export function DatasetChartCard({ chart }: { chart: DatasetChart }) {
  return (
    <Card title={`${chart.title} · ${chart.unit}`}>
      <div data-testid="dataset-chart" data-chart={chart.key} className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={formatDay} tick={{ fontSize: 11 }} minTickGap={40} allowDuplicatedCategory={false} />
            <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={formatValue} domain={["auto", "auto"]} />
            <Tooltip labelFormatter={(t) => `${formatUtc(Number(t))} UTC`} formatter={(v) => formatValue(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {chart.lines.map((line, i) => (
              <Line key={line.id} data={line.points} dataKey="v" name={line.label} type="linear" stroke={COLORS[i % COLORS.length]} dot={false} strokeWidth={1.25} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

export function DatasetCharts({ charts }: { charts: DatasetChart[] }) {
  if (charts.length === 0) return <p className="text-sm text-muted">This data set has no funding, AAVE, LST or price series to chart.</p>;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {charts.map((c) => <DatasetChartCard key={c.key} chart={c} />)}
    </div>
  );
}
