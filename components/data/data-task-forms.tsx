"use client";
// The two Data page actions: generate a synthetic data set (seed) and import a directory (path), each
// enqueuing a worker job and showing its progress; server field errors appear next to the field.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import type { DataTask } from "@/server/market-data/overview/data-tasks";
import { MAX_SEED } from "@/server/market-data/overview/data-task-inputs";
import { TaskProgress } from "./task-progress";

interface FieldErrorShape {
  data?: { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | null;
  message: string;
}

function fieldError(err: FieldErrorShape | null, field: string): string | null {
  if (!err) return null;
  return err.data?.zodError?.fieldErrors?.[field]?.[0] ?? null;
}

const inputClass = "w-full rounded-md border px-2 py-1.5 text-sm outline-none focus:ring-2 focus:ring-brand/40";

export function GenerateSyntheticForm({ onFinished }: { onFinished: (task: DataTask) => void }) {
  const trpc = useTRPC();
  const [seed, setSeed] = useState("7");
  const [days, setDays] = useState("30");
  const [taskId, setTaskId] = useState<string | null>(null);
  const start = useMutation(trpc.data.generateSynthetic.mutationOptions({ onSuccess: (t) => setTaskId(t.id) }));
  const seedNumber = /^\d+$/.test(seed.trim()) ? Number(seed.trim()) : Number.NaN;
  const localError = Number.isNaN(seedNumber) ? "seed must be a whole number" : seedNumber > MAX_SEED ? "seed is too large" : null;
  const serverError = fieldError(start.error, "seed");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (localError) return;
    setTaskId(null);
    start.mutate({ seed: seedNumber, days: days === "full" ? undefined : Number(days) });
  };
  return (
    <Card title="Generate synthetic data">
      <form onSubmit={submit} className="space-y-3" data-testid="generate-form" noValidate>
        <div className="grid grid-cols-2 gap-3">
          <label className="block text-sm">
            <span className="text-muted">Seed</span>
            <input name="seed" data-testid="seed-input" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} className={`${inputClass} ${localError || serverError ? "border-red-500" : "border-slate-300"}`} aria-invalid={Boolean(localError || serverError)} />
            {localError || serverError ? <span className="mt-1 block text-xs text-red-600" data-testid="seed-error">{localError ?? serverError}</span> : null}
          </label>
          <label className="block text-sm">
            <span className="text-muted">Span from 2024-01-01</span>
            <select name="days" data-testid="days-select" value={days} onChange={(e) => setDays(e.target.value)} className={`${inputClass} border-slate-300`}>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="full">full (2024-01 … 2025-09)</option>
            </select>
          </label>
        </div>
        <p className="text-xs text-muted">Saved as <span className="font-mono">synthetic-seed{Number.isNaN(seedNumber) ? "N" : seedNumber}</span>, a new version each time; the same seed gives the same data.</p>
        <button type="submit" data-testid="generate-button" disabled={start.isPending} className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          Generate synthetic data
        </button>
        {start.error && !serverError ? <p className="text-xs text-red-600">{start.error.message}</p> : null}
      </form>
      {taskId ? <TaskProgress key={taskId} taskId={taskId} onFinished={onFinished} /> : null}
    </Card>
  );
}

export function ImportDirectoryForm({ onFinished }: { onFinished: (task: DataTask) => void }) {
  const trpc = useTRPC();
  const [dir, setDir] = useState("");
  const [name, setName] = useState("");
  const [taskId, setTaskId] = useState<string | null>(null);
  const start = useMutation(trpc.data.importDirectory.mutationOptions({ onSuccess: (t) => setTaskId(t.id) }));
  const pathError = fieldError(start.error, "path");
  const nameError = fieldError(start.error, "name");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTaskId(null);
    start.mutate({ path: dir, name: name.trim() === "" ? undefined : name.trim() });
  };
  return (
    <Card title="Import directory">
      <form onSubmit={submit} className="space-y-3" data-testid="import-form" noValidate>
        <label className="block text-sm">
          <span className="text-muted">Directory on the server (the ../shared/data layout)</span>
          <input name="path" data-testid="import-path" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="../shared/data" className={`${inputClass} font-mono ${pathError ? "border-red-500" : "border-slate-300"}`} aria-invalid={Boolean(pathError)} />
          {pathError ? <span className="mt-1 block text-xs text-red-600" data-testid="import-path-error">{pathError}</span> : null}
        </label>
        <label className="block text-sm">
          <span className="text-muted">Data set name (optional; default: the directory name)</span>
          <input name="name" data-testid="import-name" value={name} onChange={(e) => setName(e.target.value)} className={`${inputClass} ${nameError ? "border-red-500" : "border-slate-300"}`} />
          {nameError ? <span className="mt-1 block text-xs text-red-600">{nameError}</span> : null}
        </label>
        <button type="submit" data-testid="import-button" disabled={start.isPending} className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          Import directory
        </button>
        {start.error && !pathError && !nameError ? <p className="text-xs text-red-600">{start.error.message}</p> : null}
      </form>
      {taskId ? <TaskProgress key={taskId} taskId={taskId} onFinished={onFinished} /> : null}
    </Card>
  );
}
