"use client";
// Inputs for the mode's parameter groups (generated from its zod schema): label, bounds, default
// and description as help text, with each field's error right under it.
import type { ParamGroup } from "./param-fields";
import { FieldError } from "./field-error";

const inputClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand focus:outline-none";

export function ParamInputs({
  groups,
  values,
  errors,
  onChange,
}: {
  groups: readonly ParamGroup[];
  values: Readonly<Record<string, string | boolean>>;
  errors: Readonly<Record<string, string[]>>;
  onChange: (key: string, value: string | boolean) => void;
}) {
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <fieldset key={g.key || "params"} className="rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-700">{g.label}</legend>
          {g.description ? <p className="mb-3 text-xs text-muted">{g.description}</p> : null}
          <FieldError messages={g.key ? errors[`params.${g.key}`] : undefined} testId={`error-params.${g.key}`} />
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {g.fields.map((f) => {
              const id = `param-${f.key}`;
              const err = errors[`params.${f.key}`];
              const bounds = f.min !== undefined || f.max !== undefined ? ` (${f.min ?? "−∞"} – ${f.max ?? "∞"})` : "";
              return (
                <div key={f.key}>
                  {f.kind === "boolean" ? (
                    <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
                      <input id={id} type="checkbox" checked={values[f.key] === true} onChange={(e) => onChange(f.key, e.target.checked)} data-testid={id} />
                      {f.label}
                    </label>
                  ) : (
                    <>
                      <label htmlFor={id} className="text-sm font-medium">
                        {f.label}
                        <span className="font-normal text-muted">{bounds}</span>
                      </label>
                      {f.kind === "enum" ? (
                        <select id={id} className={inputClass} value={String(values[f.key] ?? "")} onChange={(e) => onChange(f.key, e.target.value)} data-testid={id}>
                          {f.options?.map((o) => (
                            <option key={o} value={o}>
                              {o}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          id={id}
                          type="number"
                          inputMode="decimal"
                          step={f.kind === "integer" ? 1 : "any"}
                          min={f.min}
                          max={f.max}
                          className={inputClass}
                          value={String(values[f.key] ?? "")}
                          placeholder={f.defaultValue === undefined ? "" : String(f.defaultValue)}
                          onChange={(e) => onChange(f.key, e.target.value)}
                          aria-invalid={err ? true : undefined}
                          data-testid={id}
                        />
                      )}
                    </>
                  )}
                  {f.description ? <p className="mt-1 text-xs text-muted">{f.description}</p> : null}
                  <FieldError messages={err} testId={`error-params.${f.key}`} />
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
