// Reads the message and per-field errors out of a tRPC client error (shape from server/api/trpc.ts).
export interface TrpcErrorLike {
  message: string;
  data?: { code?: string; zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | null;
}

export function fieldError(err: unknown, field: string): string | null {
  const e = err as TrpcErrorLike | null;
  return e?.data?.zodError?.fieldErrors?.[field]?.[0] ?? null;
}

export function errorMessage(err: unknown): string | null {
  if (!err) return null;
  const e = err as TrpcErrorLike;
  return e.message ?? String(err);
}

export function isUnauthorized(err: unknown): boolean {
  return (err as TrpcErrorLike | null)?.data?.code === "UNAUTHORIZED";
}
