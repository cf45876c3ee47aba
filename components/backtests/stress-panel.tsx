"use client";
// The run page's "Stress test" panel: pick a preset or type a scenario (CLI --stress syntax, checked
// in the browser with the engine's parser), replay the run under it on the server, and show the
// verdict table and equity / health factor / margin ratio paths under the shock vs the base run.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { parseStressScenario } from "@/server/engine/stress/scenarios";
import type { StressRunDto } from "@/server/runs/stress-run";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { formatValue } from "@/components/charts/chart-format";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { FieldError } from "./field-error";

const PRESETS: readonly { label: string; scenario: string }[] = [
  { label: "Price −10 %", scenario: "price:-10" },
  { label: "Price −20 %", scenario: "price:-20" },
  { label: "Price −30 %", scenario: "price:-30" },
  { label: "Price −50 %", scenario: "price:-50" },
  { label: "Price +20 %", scenario: "price:20" },
  { label: "Funding flip 7 d", scenario: "funding-flip:7" },
  { label: "Funding flip 30 d", scenario: "funding-flip:30" },
  { label: "LST de-peg 5 % / 7 d", scenario: "depeg:5:7" },
  { label: "Borrow spike +50 % APR / 7 d", scenario: "borrow-spike:50:7" },
];

/** The engine parser's message, or null when the text is a valid scenario. */
function scenarioError(text: string): string | null {
  try {
    parseStressScenario(text.trim());
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const num = (v: number | null | undefined, f: "money" | "ratio") => (v === null || v === undefined ? "—" : formatValue(v, f));

function StressResults({ result, shareClass }: { result: StressRunDto; shareClass: string }) {
  const row = (metric: string) => result.table.find((r) => r.metric === metric);
  const hf = row("minHealthFactor");
  const mr = row("minMarginRatio");
  const p = result.path;
  const hasHf = p.healthFactor.some((v) => v !== null);
  const hasMr = p.marginRatio.some((v) => v !== null);
  return (
    <div className="mt-4 space-y-4" data-testid="stress-results">
      <table className="w-full text-sm" data-testid="stress-table">
        <thead>
          <tr className="text-left text-xs text-muted">
            <th className="py-1">Scenario</th>
            <th>Liquidated?</th>
            <th>When</th>
            <th>Loss vs base ({shareClass})</th>
            <th>Min HF (base → shocked)</th>
            <th>Min margin ratio (base → shocked)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="py-1">{result.scenario}</td>
            <td data-testid="stress-liquidated" className={result.liquidated ? "font-semibold text-bad" : ""}>
              {result.liquidated ? `yes (${result.liquidations.length})` : "no"}
            </td>
            <td>{result.firstLiquidationTime ? `${result.firstLiquidationTime.slice(0, 16).replace("T", " ")} (step ${result.firstLiquidationStep})` : "—"}</td>
            <td data-testid="stress-loss">
              {num(result.loss, "money")} ({(result.lossPct * 100).toFixed(2)} %)
            </td>
            <td>
              {num(hf?.baseline, "ratio")} → {num(hf?.shocked, "ratio")}
            </td>
            <td>
              {num(mr?.baseline, "ratio")} → {num(mr?.shocked, "ratio")}
            </td>
          </tr>
        </tbody>
      </table>
      {result.liquidations.length > 0 ? (
        <ul className="text-xs text-muted" data-testid="stress-liquidations">
          {result.liquidations.map((l) => (
            <li key={`${l.step}-${l.venue}`}>
              {l.time.slice(0, 16).replace("T", " ")} · step {l.step} · {l.venue || "—"} · loss {num(l.loss, "money")}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="text-xs text-muted">
        Shock at {result.shockTime.slice(0, 16).replace("T", " ")} (step {result.shockStep}); paths from one day before to two days after the shock window.
      </p>
      <div data-testid="stress-chart-equity">
        <TimeSeriesChart
          data={{ t: p.time, series: { equity: p.equity, baselineEquity: p.baselineEquity } }}
          lines={[
            { key: "baselineEquity", label: "Equity (base)", color: "#64748b" },
            { key: "equity", label: "Equity (shocked)", color: "#dc2626" },
          ]}
          height={220}
        />
      </div>
      {hasHf || hasMr ? (
        <div data-testid="stress-chart-risk">
          <TimeSeriesChart
            data={{ t: p.time, series: { healthFactor: p.healthFactor, marginRatio: p.marginRatio } }}
            lines={[
              ...(hasHf ? [{ key: "healthFactor", label: "Health factor (shocked)", color: "#2563eb" }] : []),
              ...(hasMr ? [{ key: "marginRatio", label: "Min margin ratio (shocked)", color: "#9333ea", right: hasHf }] : []),
            ]}
            format="ratio"
            rightFormat="ratio"
            thresholds={hasHf ? [{ y: 1, label: "HF 1", color: "#dc2626" }] : []}
            height={220}
          />
        </div>
      ) : null}
    </div>
  );
}

export function StressPanel({ runId, shareClass }: { runId: string; shareClass: string }) {
  const trpc = useTRPC();
  const [text, setText] = useState("price:-30");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const stress = useMutation(
    trpc.backtest.stress.mutationOptions({
      onError: (err) => {
        const fe = (err.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | undefined)?.zodError?.fieldErrors;
        setFieldError(fe?.scenario?.[0] ?? null);
      },
    }),
  );
  const run = (scenario: string) => {
    setText(scenario);
    const err = scenarioError(scenario);
    setFieldError(err);
    if (err === null) stress.mutate({ runId, scenario: scenario.trim() });
  };
  return (
    <Card title="Stress test" className="mb-6">
      <div data-testid="stress-panel">
        <div className="flex flex-wrap gap-2">
          {PRESETS.map((p) => (
            <button
              key={p.scenario}
              type="button"
              className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-50"
              disabled={stress.isPending}
              onClick={() => run(p.scenario)}
              data-testid={`stress-preset-${p.scenario}`}
            >
              {p.label}
            </button>
          ))}
        </div>
        <form
          className="mt-3 flex items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(text);
          }}
        >
          <div className="flex-1">
            <label className="block text-xs text-muted" htmlFor="stress-scenario">
              Scenario (price:±N[:ETH|BTC] · funding-flip:D · depeg:P:D · borrow-spike:A:D, optional @YYYY-MM-DDTHH)
            </label>
            <input
              id="stress-scenario"
              className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setFieldError(null);
              }}
              data-testid="stress-scenario"
            />
            <FieldError messages={fieldError ? [fieldError] : undefined} testId="stress-scenario-error" />
          </div>
          <button type="submit" className="mt-5 rounded-md bg-slate-900 px-3 py-1 text-sm text-white disabled:opacity-50" disabled={stress.isPending} data-testid="stress-run">
            {stress.isPending ? "Running…" : "Run stress"}
          </button>
        </form>
        {stress.isError && !fieldError ? (
          <p className="mt-2 text-sm text-bad" data-testid="stress-error">
            {stress.error.message}
          </p>
        ) : null}
        {stress.data ? <StressResults result={stress.data} shareClass={shareClass} /> : null}
      </div>
    </Card>
  );
}
