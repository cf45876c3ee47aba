"use client";
// The launch form's signal CSV upload (directional modes with signalSource csv): reads the file in
// the browser, refuses one over 2 MB and checks it with the engine's own CSV parser, so a bad file
// is named next to the field before anything is sent.
import { useState } from "react";
import { parseSignalCsv } from "@/server/engine/signals/csv-signal";
import { SIGNAL_CSV_MAX_CHARS } from "@/server/runs/run-schemas";
import { FieldError } from "./field-error";

/** The parser's message, or null when the text is a usable signal CSV. */
export function signalCsvError(text: string): string | null {
  if (text.length > SIGNAL_CSV_MAX_CHARS) return `the signal CSV may be at most ${SIGNAL_CSV_MAX_CHARS / 1_000_000} MB`;
  try {
    const s = parseSignalCsv(text);
    return s.time.length === 0 ? "the signal CSV has no rows" : null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function SignalCsvField({ onChange, errors }: { onChange: (text: string | undefined) => void; errors?: readonly string[] }) {
  const [own, setOwn] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const pick = async (file: File | undefined) => {
    setInfo(null);
    if (!file) {
      setOwn(null);
      onChange(undefined);
      return;
    }
    if (file.size > SIGNAL_CSV_MAX_CHARS) {
      setOwn(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${SIGNAL_CSV_MAX_CHARS / 1_000_000} MB`);
      onChange(undefined);
      return;
    }
    const text = await file.text();
    const err = signalCsvError(text);
    setOwn(err);
    onChange(err === null ? text : undefined);
    if (err === null) setInfo(`${file.name}: ${parseSignalCsv(text).time.length} signal rows`);
  };
  return (
    <div>
      <label htmlFor="signal-csv" className="text-sm font-medium">
        Signal CSV <span className="font-normal text-muted">(timestamp,signal[,confidence][,sd]; ≤ 2 MB)</span>
      </label>
      <input id="signal-csv" type="file" accept=".csv,text/csv" className="mt-1 block w-full text-sm" onChange={(e) => void pick(e.target.files?.[0])} data-testid="field-signal-csv" />
      {info ? <p className="mt-1 text-xs text-muted" data-testid="signal-csv-info">{info}</p> : null}
      <FieldError messages={own ? [own] : errors} testId="error-signalCsv" />
    </div>
  );
}
