"use client";
// Equity over time and cumulative PnL attribution per component (Recharts, points thinned by the
// server and capped by the stream hook).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SessionPoint } from "@/server/live/read-session-stream";
import { Card } from "@/components/ui/card";

const TERMS = ["funding", "lendingInterest", "borrowCost", "stakingYield", "pricePnl", "fees", "gas", "residual"] as const;
const COLORS: Record<(typeof TERMS)[number], string> = {
  funding: "#2563eb",
  lendingInterest: "#059669",
  borrowCost: "#dc2626",
  stakingYield: "#7c3aed",
  pricePnl: "#d97706",
  fees: "#64748b",
  gas: "#0891b2",
  residual: "#94a3b8",
};

const fmtT = (v: number) => new Date(v).toISOString().slice(5, 16).replace("T", " ");
const fmtY = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });

export function EquityChart({ points, shareClass }: { points: SessionPoint[]; shareClass: string }) {
  const data = points.map((p) => ({ t: p.t, equity: p.equity }));
  return (
    <Card title={`Equity (${shareClass})`}>
      <div className="h-64" data-testid="equity-chart" data-points={points.length}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 5, right: 20, bottom: 5, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={fmtT} tick={{ fontSize: 11 }} minTickGap={50} />
            <YAxis tickFormatter={fmtY} tick={{ fontSize: 11 }} width={80} domain={["auto", "auto"]} />
            <Tooltip labelFormatter={(v) => fmtT(Number(v))} formatter={(v) => fmtY(Number(v))} />
            <Line dataKey="equity" name="equity" stroke="#2563eb" dot={false} isAnimationActive={false} strokeWidth={1.5} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

export function AttributionChart({ points }: { points: SessionPoint[] }) {
  const present = TERMS.filter((k) => points.some((p) => Math.abs(p.attribution[k] ?? 0) > 1e-9));
  const data = points.map((p) => {
    const row: Record<string, number> = { t: p.t };
    for (const k of present) row[k] = p.attribution[k] ?? 0;
    return row;
  });
  return (
    <Card title="PnL attribution (cumulative)">
      <div className="h-64" data-testid="attribution-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 5, right: 20, bottom: 5, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={fmtT} tick={{ fontSize: 11 }} minTickGap={50} />
            <YAxis tickFormatter={fmtY} tick={{ fontSize: 11 }} width={80} />
            <Tooltip labelFormatter={(v) => fmtT(Number(v))} formatter={(v) => fmtY(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {present.map((k) => (
              <Line key={k} dataKey={k} stroke={COLORS[k]} dot={false} isAnimationActive={false} strokeWidth={1.5} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}
