"use client";
// Turns one or two numeric parameters of the launch form into ranges (start, stop, step) or lists;
// shows the grid size against the cap so a user sees the cost before launching.
import { FieldError } from "@/components/backtests/field-error";
import type { ParamField } from "@/components/backtests/param-fields";

export interface AxisDraft {
  key: string;
  kind: "range" | "list";
  start: string;
  stop: string;
  step: string;
  list: string;
}

export const EMPTY_AXIS: AxisDraft = { key: "", kind: "range", start: "", stop: "", step: "", list: "" };
export const MAX_AXES = 2;

/** The values of a draft axis, or an error message to show next to it. */
export function axisValues(a: AxisDraft): { values: number[] } | { error: string } {
  if (!a.key) return { error: "choose a parameter" };
  if (a.kind === "list") {
    const parts = a.list.split(",").map((s) => s.trim()).filter(Boolean);
    const values = parts.map(Number);
    if (values.length === 0) return { error: "enter values separated by commas" };
    if (values.some((v) => !Number.isFinite(v))) return { error: "every value must be a number" };
    if (new Set(values).size !== values.length) return { error: "values repeat" };
    return { values };
  }
  const [start, stop, step] = [Number(a.start), Number(a.stop), Number(a.step)];
  if ([a.start, a.stop, a.step].some((s) => s.trim() === "") || ![start, stop, step].every(Number.isFinite)) return { error: "start, stop and step must be numbers" };
  if (step <= 0) return { error: "step must be positive" };
  if (stop < start) return { error: "stop must not be below start" };
  const n = Math.floor((stop - start) / step + 1e-9) + 1;
  if (n > 5_000) return { error: `${n} values is too many` };
  return { values: Array.from({ length: n }, (_, i) => Number((start + i * step).toPrecision(12))) };
}

export function SweepAxesEditor(props: {
  fields: ParamField[];
  axes: AxisDraft[];
  onChange: (axes: AxisDraft[]) => void;
  cap: number;
  errors?: readonly string[];
}) {
  const numeric = props.fields.filter((f) => f.kind === "number" || f.kind === "integer");
  const sizes = props.axes.map((a) => {
    const r = axisValues(a);
    return "values" in r ? r.values.length : 0;
  });
  const total = props.axes.length ? sizes.reduce((a, b) => a * b, 1) : 0;
  const update = (i: number, patch: Partial<AxisDraft>) => props.onChange(props.axes.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <fieldset className="rounded-lg border border-slate-200 p-3" data-testid="sweep-editor">
      <legend className="px-1 text-sm font-semibold">Parameter sweep (optional)</legend>
      <p className="mb-2 text-xs text-muted">Sweep one or two numeric parameters: the app runs one backtest per combination on the workers and shows a table and a heatmap.</p>
      {props.axes.map((a, i) => {
        const field = numeric.find((f) => f.key === a.key);
        const r = axisValues(a);
        return (
          <div key={i} className="mb-2 flex flex-wrap items-end gap-2 text-sm" data-testid={`sweep-axis-${i}`}>
            <label className="flex flex-col">
              <span className="text-xs text-muted">Parameter</span>
              <select aria-label={`Sweep parameter ${i + 1}`} className="rounded-md border border-slate-300 bg-white px-2 py-1" value={a.key} onChange={(e) => update(i, { key: e.target.value })}>
                <option value="">choose…</option>
                {numeric.map((f) => <option key={f.key} value={f.key}>{f.key}</option>)}
              </select>
            </label>
            <label className="flex flex-col">
              <span className="text-xs text-muted">As</span>
              <select aria-label={`Sweep kind ${i + 1}`} className="rounded-md border border-slate-300 bg-white px-2 py-1" value={a.kind} onChange={(e) => update(i, { kind: e.target.value as AxisDraft["kind"] })}>
                <option value="range">range</option>
                <option value="list">list</option>
              </select>
            </label>
            {a.kind === "range" ? (
              (["start", "stop", "step"] as const).map((k) => (
                <label key={k} className="flex flex-col">
                  <span className="text-xs text-muted">{k}</span>
                  <input aria-label={`Sweep ${k} ${i + 1}`} className="w-24 rounded-md border border-slate-300 px-2 py-1" inputMode="decimal" value={a[k]} onChange={(e) => update(i, { [k]: e.target.value })} />
                </label>
              ))
            ) : (
              <label className="flex flex-col">
                <span className="text-xs text-muted">values (comma-separated)</span>
                <input aria-label={`Sweep values ${i + 1}`} className="w-64 rounded-md border border-slate-300 px-2 py-1" value={a.list} onChange={(e) => update(i, { list: e.target.value })} />
              </label>
            )}
            <button type="button" className="rounded-md px-2 py-1 text-xs ring-1 ring-slate-300" onClick={() => props.onChange(props.axes.filter((_, j) => j !== i))}>remove</button>
            <span className="w-full text-xs text-muted">
              {field ? `bounds ${field.min ?? "−∞"} … ${field.max ?? "∞"}` : null}
              {"values" in r ? ` · ${r.values.length} values` : a.key || a.start || a.list ? <span className="text-bad"> · {r.error}</span> : null}
            </span>
          </div>
        );
      })}
      <div className="flex items-center gap-3 text-sm">
        {props.axes.length < MAX_AXES ? (
          <button type="button" className="rounded-md px-3 py-1 ring-1 ring-slate-300" onClick={() => props.onChange([...props.axes, { ...EMPTY_AXIS }])}>+ sweep a parameter</button>
        ) : null}
        {props.axes.length ? (
          <span className={total > props.cap ? "text-bad" : "text-muted"} data-testid="sweep-size">{total} configs (cap {props.cap})</span>
        ) : null}
      </div>
      <FieldError messages={props.errors} testId="sweep-axes-error" />
    </fieldset>
  );
}
