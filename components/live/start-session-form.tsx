"use client";
// Starts a session on the replay feed: mode, data set, window, capital, speed (market hours per
// second) and venues (paper, or paper plus Binance testnet orders with a stored key). Parameters use
// the mode's defaults; they can be changed on the session page.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import type { ModeId } from "@/server/engine/config/modes";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldError } from "./trpc-error";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const DAY_MS = 86_400_000;

function FieldMessage({ error, field }: { error: unknown; field: string }) {
  const m = fieldError(error, field);
  return m ? <span className="mt-1 block text-xs text-bad">{m}</span> : null;
}

export function StartSessionForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const options = useQuery(trpc.live.formOptions.queryOptions());
  const [mode, setMode] = useState<ModeId>("btc_basis");
  const [dataset, setDataset] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [capital, setCapital] = useState(100_000);
  const [speed, setSpeed] = useState(24);
  const [venue, setVenue] = useState<"paper" | "exchange">("paper");
  const [credentialId, setCredentialId] = useState("");
  const credentials = useQuery({ ...trpc.live.credentials.queryOptions(), enabled: venue === "exchange" });
  const binanceKeys = (credentials.data ?? []).filter((c) => c.exchange === "binance" && c.testnet);
  const start_ = useMutation(trpc.live.start.mutationOptions({ onSuccess: (r) => router.push(`/live/${r.id}`) }));

  // default to the seeded "synthetic" data set (else the newest) and a two-week window at its start,
  // cut to the data set's coverage
  useEffect(() => {
    const list = options.data?.datasets ?? [];
    const first = list.find((d) => d.name === "synthetic") ?? list[0];
    if (!first || dataset) return;
    setDataset(first.name);
    const s = first.coverageStart ? Date.parse(first.coverageStart) + DAY_MS : Date.parse("2024-01-02");
    const last = first.coverageEnd ? Date.parse(first.coverageEnd) - DAY_MS : Number.POSITIVE_INFINITY;
    setStart(new Date(s).toISOString().slice(0, 10));
    setEnd(new Date(Math.max(s + DAY_MS, Math.min(s + 13 * DAY_MS, last))).toISOString().slice(0, 10));
  }, [options.data, dataset]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const keyId = credentialId || binanceKeys[0]?.id;
    start_.mutate({ mode, datasetName: dataset, start, end, capital, speed, feed: "replay", venue, ...(venue === "exchange" && keyId ? { exchangeCredentialId: keyId } : {}) });
  };

  return (
    <form onSubmit={submit} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-5" data-testid="start-session-form">
      <label className="text-sm font-medium text-slate-700">
        Mode
        <select className={inputClass} value={mode} onChange={(e) => setMode(e.target.value as ModeId)} data-testid="start-mode">
          {options.data?.modes.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-slate-700">
        Data set (replay)
        <select className={inputClass} value={dataset} onChange={(e) => setDataset(e.target.value)} data-testid="start-dataset">
          {options.data?.datasets.map((d) => (
            <option key={`${d.name}:${d.version}`} value={d.name}>
              {d.name} v{d.version} ({d.source})
            </option>
          ))}
        </select>
        <FieldMessage error={start_.error} field="datasetName" />
      </label>
      <label className="text-sm font-medium text-slate-700">
        From (UTC)
        <input type="date" className={inputClass} value={start} onChange={(e) => setStart(e.target.value)} data-testid="start-from" />
        <FieldMessage error={start_.error} field="start" />
      </label>
      <label className="text-sm font-medium text-slate-700">
        To (UTC, inclusive)
        <input type="date" className={inputClass} value={end} onChange={(e) => setEnd(e.target.value)} data-testid="start-to" />
        <FieldMessage error={start_.error} field="end" />
      </label>
      <label className="text-sm font-medium text-slate-700">
        Capital
        <input type="number" className={inputClass} value={capital} min={1000} step={1000} onChange={(e) => setCapital(Number(e.target.value))} data-testid="start-capital" />
        <FieldMessage error={start_.error} field="capital" />
      </label>
      <label className="text-sm font-medium text-slate-700">
        Speed (market h / s)
        <input type="number" className={inputClass} value={speed} min={0.01} max={1000} step="any" onChange={(e) => setSpeed(Number(e.target.value))} data-testid="start-speed" />
        <FieldMessage error={start_.error} field="speed" />
      </label>
      <label className="text-sm font-medium text-slate-700">
        Venues
        <select className={inputClass} value={venue} onChange={(e) => setVenue(e.target.value as "paper" | "exchange")} data-testid="start-venue">
          <option value="paper">paper (simulated fills)</option>
          <option value="exchange">paper + Binance testnet orders</option>
        </select>
        <FieldMessage error={start_.error} field="venue" />
      </label>
      {venue === "exchange" ? (
        <label className="text-sm font-medium text-slate-700">
          API key
          <select className={inputClass} value={credentialId} onChange={(e) => setCredentialId(e.target.value)} data-testid="start-credential">
            {binanceKeys.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <FieldMessage error={start_.error} field="exchangeCredentialId" />
        </label>
      ) : null}
      <div className="flex items-end">
        <button type="submit" disabled={start_.isPending || !dataset} className="w-full rounded-md bg-brand px-4 py-2 text-sm font-medium text-white disabled:opacity-50" data-testid="start-session">
          {start_.isPending ? "Starting…" : "Start paper session"}
        </button>
      </div>
      {start_.error ? (
        <p role="alert" className="text-sm text-bad sm:col-span-3 lg:col-span-5" data-testid="start-error">
          {errorMessage(start_.error)}
        </p>
      ) : null}
    </form>
  );
}
