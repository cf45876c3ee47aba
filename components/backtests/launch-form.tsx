"use client";
// The launch form: mode, data set and window (bounded by the data set's coverage), capital and the
// mode's parameters generated from its zod schema; validated here and again on the server, with
// every message next to its field. "Run" creates the run and opens its page.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { getModeSchema, MODE_IDS, MODE_INFO, type ModeId } from "@/server/engine/config/modes";
import { hedgeSeries, requiredSeries } from "@/server/engine/config/required-series";
import { CAPITAL_MAX, CAPITAL_MIN, createRunInputSchema, fieldErrorsOf } from "@/server/runs/run-schemas";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { FieldError } from "./field-error";
import { SignalCsvField } from "./signal-csv-field";
import { defaultValuesOf, paramGroupsOf, paramsFromValues } from "./param-fields";
import { ParamInputs } from "./param-inputs";
import { axisValues, SweepAxesEditor, type AxisDraft } from "@/components/sweeps/sweep-axes-editor";
import { DEFAULT_SWEEP_CAP } from "@/server/sweeps/sweep-axes";

const DAY_MS = 86_400_000;
const inputClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand focus:outline-none";

/** First whole day inside the coverage (a date means its 00:00 tick). */
function firstDay(d: Date): string {
  const t = d.getTime();
  return new Date(Math.ceil(t / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
/** Last day whose 00:00 tick is inside the coverage (the window's last tick). */
function lastDay(d: Date): string {
  const t = d.getTime();
  return new Date(Math.floor(t / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

export function LaunchForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const datasets = useQuery(trpc.backtest.datasets.queryOptions());
  const [mode, setMode] = useState<ModeId>("btc_basis");
  const groups = useMemo(() => paramGroupsOf(getModeSchema(mode)), [mode]);
  const [values, setValues] = useState<Record<string, string | boolean>>(() => defaultValuesOf(paramGroupsOf(getModeSchema("btc_basis"))));
  const [datasetName, setDatasetName] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [capital, setCapital] = useState("100000");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  /** Swept parameters: with any, "Run" launches a sweep (one run per combination) instead of a run. */
  const [axes, setAxes] = useState<AxisDraft[]>([]);
  /** Text of the uploaded signal CSV (directional modes with signalSource csv). */
  const [signalCsv, setSignalCsv] = useState<string | undefined>(undefined);

  const list = datasets.data ?? [];
  // default: the seeded "synthetic" data set every install has
  const dataset = list.find((d) => d.name === datasetName) ?? list.find((d) => d.name === "synthetic") ?? list[0];
  const minDay = dataset?.coverageStart ? firstDay(dataset.coverageStart) : undefined;
  const maxDay = dataset?.coverageEnd ? lastDay(dataset.coverageEnd) : undefined;
  const startValue = start || minDay || "";
  const endValue = end || maxDay || "";

  const onServerError = (err: { message: string; data?: { zodError?: { fieldErrors?: unknown } | null } | null }) => {
    const fe = err.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined;
    const clean: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(fe ?? {})) if (v && v.length) clean[k] = v;
    setErrors(clean);
    setFormError(err.message);
  };
  const create = useMutation(trpc.backtest.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/backtests/${id}`), onError: onServerError }));
  const createSweep = useMutation(trpc.sweep.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/sweeps/${id}`), onError: onServerError }));

  const params = paramsFromValues(groups, values);
  const missing = (() => {
    if (!dataset) return [];
    const have = new Set(dataset.series);
    const out = requiredSeries(mode, params).filter((s) => !have.has(s));
    const hedges = hedgeSeries(mode, params);
    if (hedges.length && !hedges.some((h) => have.has(h.perp) && have.has(h.funding))) out.push(...hedges.map((h) => h.perp));
    return out;
  })();

  const changeMode = (m: ModeId) => {
    setMode(m);
    setValues(defaultValuesOf(paramGroupsOf(getModeSchema(m))));
    setAxes([]);
    setErrors({});
  };

  const input = { name: name || undefined, mode, datasetName: dataset?.name ?? "", datasetVersion: dataset?.version, start: startValue, end: endValue, capital: capital === "" ? Number.NaN : Number(capital), params, ...(params.signalSource === "csv" && signalCsv !== undefined ? { signalCsv } : {}) };
  const sweptAxes = axes.map((a) => ({ key: a.key, parsed: axisValues(a) }));
  /** The same schemas the server applies, so most mistakes show before a round trip. */
  const validate = (): Record<string, string[]> => {
    const shape = createRunInputSchema.safeParse(input);
    const paramCheck = getModeSchema(mode).safeParse(params);
    const errs = { ...(shape.success ? {} : fieldErrorsOf(shape.error)), ...(paramCheck.success ? {} : fieldErrorsOf(paramCheck.error, "params")) };
    if (startValue && endValue && endValue < startValue) errs.end = ["the window must end after it starts"];
    if (params.signalSource === "csv" && signalCsv === undefined) errs.signalCsv = ["signalSource csv needs a valid signal CSV file"];
    const axisErrors = sweptAxes.flatMap((a, i) => ("error" in a.parsed ? [`sweep ${i + 1}: ${a.parsed.error}`] : []));
    if (new Set(axes.map((a) => a.key)).size !== axes.length) axisErrors.push("each parameter can be swept only once");
    if (axisErrors.length) errs.axes = axisErrors;
    return errs;
  };
  // after the first attempt, every edit re-validates: a message disappears as soon as it is fixed
  const [attempted, setAttempted] = useState(false);
  useEffect(() => {
    if (!attempted) return;
    const errs = validate();
    setErrors(errs);
    if (Object.keys(errs).length === 0) setFormError(null);
    // validate reads exactly these inputs (the state it is derived from)
  }, [attempted, values, capital, start, end, name, mode, datasetName, axes, signalCsv]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setAttempted(true);
    const errs = validate();
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      setFormError("Fix the highlighted fields.");
      return;
    }
    if (axes.length > 0) {
      createSweep.mutate({ ...input, axes: sweptAxes.map((a) => ({ key: a.key, values: "values" in a.parsed ? a.parsed.values : [] })), maxRuns: DEFAULT_SWEEP_CAP });
      return;
    }
    create.mutate(input);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="launch-form">
      <Card title="Strategy and data">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <label htmlFor="mode" className="text-sm font-medium">Mode</label>
            <select id="mode" className={inputClass} value={mode} onChange={(e) => changeMode(e.target.value as ModeId)} data-testid="field-mode">
              {MODE_IDS.map((m) => (
                <option key={m} value={m}>
                  {MODE_INFO[m].label}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-muted">
              Share class {MODE_INFO[mode].shareClass}; reference APY {(MODE_INFO[mode].referenceApy[0] * 100).toFixed(0)}–{(MODE_INFO[mode].referenceApy[1] * 100).toFixed(0)} %
            </p>
            <FieldError messages={errors.mode} />
          </div>
          <div>
            <label htmlFor="dataset" className="text-sm font-medium">Data set</label>
            <select
              id="dataset"
              className={inputClass}
              value={dataset?.name ?? ""}
              onChange={(e) => {
                setDatasetName(e.target.value);
                setStart("");
                setEnd("");
              }}
              data-testid="field-dataset"
              disabled={datasets.isPending}
            >
              {list.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name} v{d.version} {d.source === "synthetic" ? "(synthetic)" : ""}
                </option>
              ))}
            </select>
            {dataset ? (
              <p className="mt-1 flex items-center gap-2 text-xs text-muted">
                {dataset.source === "synthetic" ? <StatusBadge tone="warn">synthetic</StatusBadge> : null}
                coverage {minDay} → {maxDay}, {dataset.series.length} series
              </p>
            ) : datasets.isError ? (
              <p className="mt-1 text-xs text-bad">Could not load data sets: {datasets.error.message}</p>
            ) : datasets.isPending ? (
              <p className="mt-1 text-xs text-muted">Loading data sets…</p>
            ) : (
              <p className="mt-1 text-xs text-bad">No data set is ready yet.</p>
            )}
            <FieldError messages={errors.datasetName} testId="error-datasetName" />
            {missing.length > 0 ? <p className="mt-1 text-xs text-bad" data-testid="missing-series">This data set lacks series the mode needs: {missing.join(", ")}</p> : null}
          </div>
          <div>
            <label htmlFor="name" className="text-sm font-medium">Name <span className="font-normal text-muted">(optional)</span></label>
            <input id="name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} data-testid="field-name" />
            <FieldError messages={errors.name} />
          </div>
          <div>
            <label htmlFor="start" className="text-sm font-medium">Start (UTC)</label>
            <input id="start" type="date" className={inputClass} value={startValue} min={minDay} max={maxDay} onChange={(e) => setStart(e.target.value)} data-testid="field-start" />
            <FieldError messages={errors.start} testId="error-start" />
          </div>
          <div>
            <label htmlFor="end" className="text-sm font-medium">End (UTC, last tick 00:00)</label>
            <input id="end" type="date" className={inputClass} value={endValue} min={minDay} max={maxDay} onChange={(e) => setEnd(e.target.value)} data-testid="field-end" />
            <FieldError messages={errors.end} testId="error-end" />
          </div>
          <div>
            <label htmlFor="capital" className="text-sm font-medium">
              Initial capital ({MODE_INFO[mode].shareClass}) <span className="font-normal text-muted">({CAPITAL_MIN.toLocaleString("en-US")} – {CAPITAL_MAX.toLocaleString("en-US")})</span>
            </label>
            <input id="capital" type="number" inputMode="decimal" min={CAPITAL_MIN} max={CAPITAL_MAX} className={inputClass} value={capital} onChange={(e) => setCapital(e.target.value)} data-testid="field-capital" />
            <FieldError messages={errors.capital} testId="error-capital" />
          </div>
        </div>
      </Card>
      <Card title={`${MODE_INFO[mode].label} parameters`}>
        <ParamInputs groups={groups} values={values} errors={errors} onChange={(k, v) => setValues((prev) => ({ ...prev, [k]: v }))} />
        {params.signalSource === "csv" ? <SignalCsvField onChange={setSignalCsv} errors={errors.signalCsv} /> : null}
      </Card>
      <SweepAxesEditor fields={groups.flatMap((g) => g.fields)} axes={axes} onChange={setAxes} cap={DEFAULT_SWEEP_CAP} errors={errors.axes} />
      <div className="flex items-center gap-4">
        <button type="submit" disabled={create.isPending || createSweep.isPending || !dataset} className="rounded-md bg-brand px-6 py-2 text-sm font-semibold text-white hover:opacity-90 disabled:opacity-50" data-testid="run-button">
          {create.isPending || createSweep.isPending ? "Starting…" : axes.length ? "Run sweep" : "Run"}
        </button>
        {formError ? <p className="text-sm text-bad" role="alert" data-testid="form-error">{formError}</p> : null}
      </div>
    </form>
  );
}
