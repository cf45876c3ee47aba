"use client";
// Drift: one click runs the backtest of the session's window (to its checkpoint), config and data,
// and shows live vs backtest equity and the per-component PnL difference.
import { useMutation } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { money, signedMoney } from "./format-live";
import { errorMessage } from "./trpc-error";

const fmtT = (v: number) => new Date(v).toISOString().slice(5, 16).replace("T", " ");

export function DriftPanel({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const drift = useMutation(trpc.live.drift.mutationOptions());
  const d = drift.data;
  return (
    <Card title="Drift: live vs backtest">
      <div className="mb-3 flex items-center gap-3 text-sm">
        <button type="button" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium" onClick={() => drift.mutate({ sessionId })} disabled={drift.isPending} data-testid="drift-run">
          {drift.isPending ? "Running backtest…" : d ? "Run again" : "Compare with backtest"}
        </button>
        {d ? (
          <span data-testid="drift-summary">
            {d.ticks} ticks · final equity live {money(d.finalEquity.live)} vs backtest {money(d.finalEquity.backtest)} ({signedMoney(d.finalEquity.diff)}) · max |diff| {money(d.maxAbsEquityDiff, 6)}
          </span>
        ) : null}
        {drift.error ? <span className="text-bad">{errorMessage(drift.error)}</span> : null}
      </div>
      {d ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={d.points} margin={{ top: 5, right: 20, bottom: 5, left: 10 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={fmtT} tick={{ fontSize: 11 }} minTickGap={50} />
                <YAxis tick={{ fontSize: 11 }} width={80} domain={["auto", "auto"]} />
                <Tooltip labelFormatter={(v) => fmtT(Number(v))} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Line dataKey="live" stroke="#2563eb" dot={false} isAnimationActive={false} />
                <Line dataKey="backtest" stroke="#d97706" dot={false} isAnimationActive={false} strokeDasharray="4 3" />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <table className="text-sm" data-testid="drift-components">
            <thead className="text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th>Component</th>
                <th className="text-right">Live</th>
                <th className="text-right">Backtest</th>
                <th className="text-right">Difference</th>
              </tr>
            </thead>
            <tbody>
              {d.components.map((c) => (
                <tr key={c.term} className="border-t border-slate-100">
                  <td className="py-1">{c.term}</td>
                  <td className="py-1 text-right tabular-nums">{money(c.live)}</td>
                  <td className="py-1 text-right tabular-nums">{money(c.backtest)}</td>
                  <td className={`py-1 text-right tabular-nums ${Math.abs(c.diff) > 1e-6 ? "text-bad" : ""}`}>{signedMoney(c.diff)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
