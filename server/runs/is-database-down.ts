// Tells a database outage (refused or dropped connections, a database not accepting connections)
// from other failures, walking the cause chain since Prisma's adapter wraps the pg error.
const DOWN_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "55000", "08000", "08001", "08003", "08006", "3D000"]);
const DOWN_MESSAGE = /ECONNREFUSED|Connection terminated|connection timeout|timeout exceeded when trying to connect|not currently accepting connections|terminating connection|Can't reach database|Client has encountered a connection error/i;

export function isDatabaseDown(err: unknown, depth = 0): boolean {
  if (depth > 6 || err === null || typeof err !== "object") return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
  if (typeof e.code === "string" && DOWN_CODES.has(e.code)) return true;
  if (typeof e.originalCode === "string" && DOWN_CODES.has(e.originalCode)) return true;
  if (typeof e.message === "string" && DOWN_MESSAGE.test(e.message)) return true;
  return isDatabaseDown(e.cause, depth + 1);
}
