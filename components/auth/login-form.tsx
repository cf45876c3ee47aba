"use client";
// The operator login: one secret (password or admin token) POSTed in the body to /api/auth/login,
// which answers with the HttpOnly session cookie; then back to where the operator came from.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get("next");
  // only same-site paths: never an open redirect
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/live";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ secret }) });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        setError(body.error ?? `login failed (${res.status})`);
        return;
      }
      setSecret("");
      await queryClient.invalidateQueries();
      router.push(target);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="mx-auto max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="login-form">
      <label className="block text-sm font-medium text-slate-700">
        Password or admin token
        <input
          type="password"
          autoComplete="current-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          data-testid="login-secret"
          required
        />
      </label>
      {error ? (
        <p role="alert" className="text-sm text-bad" data-testid="login-error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy || secret.length === 0} className="w-full rounded-md bg-brand px-4 py-2 text-sm font-medium text-white disabled:opacity-50" data-testid="login-submit">
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

/** Logs the operator out and refreshes every query (controls disappear). */
export function LogoutButton() {
  const queryClient = useQueryClient();
  return (
    <button
      type="button"
      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
      data-testid="logout"
      onClick={async () => {
        await fetch("/api/auth/logout", { method: "POST" });
        await queryClient.invalidateQueries();
      }}
    >
      Log out
    </button>
  );
}
