"use client";
// Exchange API keys: entered once (write-only fields), stored sealed on the server; the list shows
// only exchange, label and testnet. Nothing secret ever comes back to the browser.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { errorMessage, fieldError } from "./trpc-error";

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function ExchangeKeys() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.live.credentials.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.live.credentials.queryKey() });
  const [exchange, setExchange] = useState<"binance" | "bybit" | "okx">("binance");
  const [label, setLabel] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [secret, setSecret] = useState("");
  const save = useMutation(
    trpc.live.saveCredential.mutationOptions({
      onSuccess: () => {
        setApiKey("");
        setSecret("");
        setLabel("");
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.live.deleteCredential.mutationOptions({ onSuccess: () => void refresh() }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ exchange, label, apiKey, secret, testnet: true });
  };
  return (
    <Card title="Exchange API keys (testnet)">
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-5" data-testid="keys-form" autoComplete="off">
        <label className="text-sm font-medium text-slate-700">
          Exchange
          <select className={input} value={exchange} onChange={(e) => setExchange(e.target.value as typeof exchange)}>
            <option value="binance">Binance</option>
            <option value="bybit">Bybit</option>
            <option value="okx">OKX</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Label
          <input className={input} value={label} onChange={(e) => setLabel(e.target.value)} data-testid="keys-label" />
          {fieldError(save.error, "label") ? <span className="text-xs text-bad">{fieldError(save.error, "label")}</span> : null}
        </label>
        <label className="text-sm font-medium text-slate-700">
          API key
          <input type="password" className={input} value={apiKey} onChange={(e) => setApiKey(e.target.value)} data-testid="keys-api-key" />
        </label>
        <label className="text-sm font-medium text-slate-700">
          API secret
          <input type="password" className={input} value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="keys-secret" />
        </label>
        <div className="flex items-end">
          <button type="submit" className="w-full rounded-md bg-brand px-3 py-2 text-sm font-medium text-white disabled:opacity-50" disabled={save.isPending} data-testid="keys-save">
            Store encrypted
          </button>
        </div>
      </form>
      {save.error ? (
        <p role="alert" className="mt-2 text-sm text-bad">
          {errorMessage(save.error)}
        </p>
      ) : null}
      <ul className="mt-3 space-y-1 text-sm" data-testid="keys-list">
        {list.data?.map((c) => (
          <li key={c.id} className="flex items-center gap-3" data-testid="keys-row">
            <span className="font-medium">{c.exchange}</span>
            <span>{c.label}</span>
            <span className="text-xs text-muted">{c.testnet ? "testnet" : "mainnet"} · added {c.createdAt.slice(0, 10)} · key stored encrypted, never shown</span>
            <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs" onClick={() => remove.mutate({ id: c.id })}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
