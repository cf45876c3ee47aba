// The closed set of application error codes and how each maps onto tRPC codes / HTTP statuses, so
// the UI and CLI can show a specific message and field errors travel intact.
import { TRPCError } from "@trpc/server";

export const APP_ERROR_CODES = {
  INVALID_INPUT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  DATA_MISSING: "PRECONDITION_FAILED",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  DATABASE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const;
export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** An INVALID_INPUT error whose message is the first field's first problem (forms show them all). */
export function invalidInput(fieldErrors: Record<string, string[]>): AppError {
  const first = Object.entries(fieldErrors)[0];
  return new AppError("INVALID_INPUT", first ? `${first[0]}: ${first[1]?.[0] ?? "invalid"}` : "invalid input", fieldErrors);
}

export function toTRPCError(err: AppError): TRPCError {
  return new TRPCError({ code: APP_ERROR_CODES[err.code], message: err.message, cause: err });
}
