"use client";
// Positions by venue (value per venue and the ledger per key), risk gauges against the session's
// thresholds (margin ratio per venue, delta ratio, health factor, liquidation distance) and the
// reconciliation status.
import type { SessionPoint } from "@/server/live/read-session-stream";
import type { SessionDto } from "@/server/live/session-row";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { money, pct, ratio, utc } from "./format-live";

const num = (v: unknown, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

export function PositionsPanel({ session, last }: { session: SessionDto; last: SessionPoint | null }) {
  const byVenue = Object.entries(last?.positions ?? {}).filter(([, v]) => Math.abs(v) > 1e-9);
  const ledger = session.positions.filter((p) => Math.abs(p.amount) > 1e-12);
  return (
    <Card title="Positions by venue">
      {byVenue.length === 0 ? <p className="text-sm text-muted">No positions.</p> : null}
      <div className="space-y-3">
        <table className="text-sm" data-testid="positions-by-venue">
          <tbody>
            {byVenue.map(([venue, value]) => (
              <tr key={venue} className="border-t border-slate-100">
                <td className="py-1 pr-4">{venue}</td>
                <td className="py-1 text-right tabular-nums">
                  {money(value)} {session.shareClass}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="text-sm" data-testid="ledger">
          <tbody>
            {ledger.map((p) => (
              <tr key={p.key} className="border-t border-slate-100">
                <td className="py-1 pr-4 font-mono text-xs">{p.key}</td>
                <td className="py-1 text-right tabular-nums">{p.amount.toLocaleString("en-US", { maximumFractionDigits: 6 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** A horizontal gauge: value on a 0..max scale with warning/critical markers; `lowIsBad` for margins and HF. */
function Gauge(props: { label: string; value: number | null; max: number; warn: number; crit: number; lowIsBad: boolean; format: (v: number) => string; testId: string }) {
  const { value, max, warn, crit, lowIsBad } = props;
  const level = value === null ? "neutral" : lowIsBad ? (value < crit ? "bad" : value < warn ? "warn" : "good") : value > crit ? "bad" : value > warn ? "warn" : "good";
  const colour = { good: "bg-good", warn: "bg-warn", bad: "bg-bad", neutral: "bg-slate-300" }[level];
  const at = (v: number) => `${Math.min(100, Math.max(0, (v / max) * 100))}%`;
  return (
    <div data-testid={props.testId} data-level={level}>
      <div className="flex justify-between text-xs">
        <span className="font-medium text-slate-700">{props.label}</span>
        <span className="tabular-nums">{value === null ? "n/a" : props.format(value)}</span>
      </div>
      <div className="relative mt-1 h-2 rounded bg-slate-100">
        {value !== null ? <div className={`h-2 rounded ${colour}`} style={{ width: at(value) }} /> : null}
        <div className="absolute top-[-2px] h-3 w-px bg-amber-500" style={{ left: at(warn) }} title={`warning ${props.format(warn)}`} />
        <div className="absolute top-[-2px] h-3 w-px bg-red-600" style={{ left: at(crit) }} title={`critical ${props.format(crit)}`} />
      </div>
    </div>
  );
}

export function RiskGauges({ session, last }: { session: SessionDto; last: SessionPoint | null }) {
  const p = session.params;
  const warn = num(p.marginWarningRatio, 0.2);
  const crit = num(p.marginCriticalRatio, 0.15);
  const r = last?.risk;
  const venues = Object.entries(r?.marginRatio ?? {}).filter(([, v]) => v !== null);
  return (
    <Card title="Risk">
      <div className="space-y-3" data-testid="risk-gauges">
        {venues.map(([venue, v]) => (
          <Gauge key={venue} testId={`gauge-margin-${venue}`} label={`Margin ratio ${venue}`} value={v} max={Math.max(1, num(p.marginRatioTarget, 0.8) * 1.5)} warn={warn} crit={crit} lowIsBad format={(x) => ratio(x, 3)} />
        ))}
        <Gauge testId="gauge-delta" label="Net delta / equity" value={r?.deltaRatio ?? null} max={Math.max(0.06, num(p.deltaCriticalRatio, 0.05) * 1.5)} warn={num(p.maxDeltaDrift, 0.02)} crit={num(p.deltaCriticalRatio, 0.05)} lowIsBad={false} format={(x) => pct(x, 2)} />
        <Gauge testId="gauge-hf" label="Health factor" value={r?.healthFactor ?? null} max={3} warn={1.1} crit={1.04} lowIsBad format={(x) => ratio(x, 3)} />
        <Gauge testId="gauge-liq" label="Liquidation distance" value={r?.liquidationDistance ?? null} max={1} warn={0.2} crit={0.1} lowIsBad format={(x) => pct(x, 1)} />
      </div>
    </Card>
  );
}

export function ReconciliationPanel({ session }: { session: SessionDto }) {
  const r = session.reconciliation;
  return (
    <Card title="Reconciliation">
      {r ? (
        <div className="space-y-1 text-sm" data-testid="reconciliation">
          <div className="flex items-center gap-2">
            <StatusBadge tone={r.ok ? "good" : "bad"} testId="reconciliation-status">
              {r.ok ? "matched" : "mismatch"}
            </StatusBadge>
            <span>{r.kind === "resume" ? `after restart at tick ${r.tick}` : `every step (last tick ${r.tick})`}</span>
          </div>
          <div className="text-muted">
            {r.checkedKeys} keys checked · {utc(r.wallTime)}
            {r.equityDiff !== null ? ` · equity diff ${r.equityDiff.toExponential(2)}` : ""}
          </div>
          {r.mismatches.map((m) => (
            <div key={m.key} className="font-mono text-xs text-bad">
              {m.key}: ledger {m.expected} vs venue {m.reported}
            </div>
          ))}
        </div>
      ) : (
        <p className="text-sm text-muted">Not checked yet.</p>
      )}
    </Card>
  );
}
