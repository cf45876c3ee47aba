// The admin password hash format `scrypt$N$r$p$saltB64$hashB64` (node:crypto scrypt): making one
// for .env and verifying a login attempt against it in constant time.
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

const DEFAULTS = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

export function hashPassword(password: string, opts: { N?: number; r?: number; p?: number } = {}): string {
  const N = opts.N ?? DEFAULTS.N;
  const r = opts.r ?? DEFAULTS.r;
  const p = opts.p ?? DEFAULTS.p;
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, DEFAULTS.keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** True when `password` matches `encoded`; false for a wrong password or a malformed hash. */
export function verifyPassword(password: string, encoded: string): boolean {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((v) => Number.isInteger(v) && v > 0) || N > 2 ** 20 || (N & (N - 1)) !== 0) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const expected = Buffer.from(parts[5] ?? "", "base64");
  if (salt.length === 0 || expected.length < 16) return false;
  try {
    const actual = scryptSync(password, salt, expected.length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}
