"use client";
// Operator controls: pause, resume, stop, kill switch (exit all positions now, confirmed), and a
// parameter change (live-changeable fields only; validated by the server, applied at the next step).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { SessionDto } from "@/server/live/session-row";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { errorMessage } from "./trpc-error";

const btn = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-40";

export function SessionControls({ session }: { session: SessionDto }) {
  const trpc = useTRPC();
  const control = useMutation(trpc.live.control.mutationOptions());
  const [confirmKill, setConfirmKill] = useState(false);
  const terminal = session.status === "stopped" || session.status === "faulted";
  const pending = session.control;
  const send = (c: "pause" | "resume" | "stop" | "kill") => control.mutate({ sessionId: session.id, control: c });
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="session-controls">
      {session.status === "paused" ? (
        <button type="button" className={`${btn} bg-brand text-white`} disabled={terminal || control.isPending} onClick={() => send("resume")} data-testid="control-resume">
          Resume
        </button>
      ) : (
        <button type="button" className={`${btn} border border-slate-300 bg-white`} disabled={terminal || control.isPending} onClick={() => send("pause")} data-testid="control-pause">
          Pause
        </button>
      )}
      <button type="button" className={`${btn} border border-slate-300 bg-white`} disabled={terminal || control.isPending} onClick={() => send("stop")} data-testid="control-stop">
        Stop
      </button>
      {confirmKill ? (
        <span className="flex items-center gap-2 rounded-md bg-red-50 px-2 py-1 text-sm text-red-800">
          Exit every position now and stop?
          <button type="button" className={`${btn} bg-bad text-white`} onClick={() => (setConfirmKill(false), send("kill"))} data-testid="control-kill-confirm">
            Yes, kill
          </button>
          <button type="button" className={`${btn} border border-slate-300 bg-white`} onClick={() => setConfirmKill(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className={`${btn} bg-bad text-white`} disabled={terminal} onClick={() => setConfirmKill(true)} data-testid="control-kill">
          Kill switch
        </button>
      )}
      {pending ? <span className="text-xs text-muted" data-testid="control-pending">{pending} requested…</span> : null}
      {control.error ? (
        <span role="alert" className="text-sm text-bad">
          {errorMessage(control.error)}
        </span>
      ) : null}
    </div>
  );
}

export function ParamsEditor({ session }: { session: SessionDto }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.live.formOptions.queryOptions());
  const change = useMutation(trpc.live.changeParams.mutationOptions());
  const mutable = (options.data?.mutableParams ?? []).filter((k) => k in session.params);
  const [field, setField] = useState("");
  const [value, setValue] = useState("");
  const key = field || mutable[0] || "";
  const current = session.params[key];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed: unknown = typeof current === "number" ? Number(value) : typeof current === "boolean" ? value === "true" : value;
    change.mutate({ sessionId: session.id, params: { [key]: parsed } });
  };
  const terminal = session.status === "stopped" || session.status === "faulted";
  return (
    <Card title="Parameters">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2 text-sm" data-testid="params-form">
        <label>
          Parameter
          <select className="mt-1 block rounded-md border border-slate-300 px-2 py-1" value={key} onChange={(e) => setField(e.target.value)} data-testid="params-field">
            {mutable.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          New value (now {String(current)})
          <input className="mt-1 block w-40 rounded-md border border-slate-300 px-2 py-1" value={value} onChange={(e) => setValue(e.target.value)} data-testid="params-value" />
        </label>
        <button type="submit" className={`${btn} bg-brand text-white`} disabled={terminal || !key || value === "" || change.isPending} data-testid="params-apply">
          Apply at next step
        </button>
        {session.pendingParams ? <span className="text-xs text-muted">change pending…</span> : null}
        {change.isSuccess && !change.isPending ? <span className="text-xs text-good">accepted</span> : null}
        {change.error ? (
          <span role="alert" className="text-sm text-bad" data-testid="params-error">
            {errorMessage(change.error)}
          </span>
        ) : null}
      </form>
      <details className="mt-3 text-xs">
        <summary className="cursor-pointer text-muted">All parameters in force</summary>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2">{JSON.stringify(session.params, null, 2)}</pre>
      </details>
    </Card>
  );
}
