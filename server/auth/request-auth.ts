// Who is calling and whether a state-changing request is same-site: the operator session from the
// cookie, the admin credential check for a login, and the Origin / custom-header CSRF check.
import { timingSafeEqual } from "node:crypto";
import type { Env } from "../env";
import { verifyPassword } from "./password-hash";
import { credentialFingerprint, readCookie, SESSION_COOKIE, verifySessionValue, type OperatorSession } from "./session-cookie";

/** Header a non-browser client sends on mutations instead of an Origin (browsers cannot set it cross-site without CORS). */
export const CSRF_HEADER = "x-basis-lab-csrf";

type AuthEnv = Pick<Env, "ADMIN_PASSWORD_HASH" | "ADMIN_TOKEN" | "SESSION_SECRET">;

export function authConfigured(env: AuthEnv): boolean {
  return Boolean(env.SESSION_SECRET && (env.ADMIN_PASSWORD_HASH || env.ADMIN_TOKEN));
}

export function fingerprintOf(env: AuthEnv): string {
  return credentialFingerprint(env.SESSION_SECRET ?? "", env.ADMIN_PASSWORD_HASH, env.ADMIN_TOKEN);
}

/** The operator session carried by the request's cookie, or null. */
export function readOperator(headers: Headers, env: AuthEnv, now = Date.now()): OperatorSession | null {
  if (!authConfigured(env) || !env.SESSION_SECRET) return null;
  const value = readCookie(headers.get("cookie"), SESSION_COOKIE);
  return value ? verifySessionValue(value, env.SESSION_SECRET, fingerprintOf(env), now) : null;
}

const sameBytes = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Checks a login attempt (password against the scrypt hash, or the token) in constant time. */
export function checkAdminCredentials(env: AuthEnv, secret: string): boolean {
  if (secret.length === 0 || secret.length > 1024) return false;
  const byToken = env.ADMIN_TOKEN ? sameBytes(secret, env.ADMIN_TOKEN) : false;
  const byPassword = env.ADMIN_PASSWORD_HASH ? verifyPassword(secret, env.ADMIN_PASSWORD_HASH) : false;
  return byToken || byPassword;
}

/**
 * A state-changing request is accepted when its Origin matches the host it was sent to, or (no
 * Origin: curl, tests) when it carries the custom CSRF header. With the SameSite=Strict cookie this
 * refuses cross-site forms and fetches.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin) {
    if (!host || !URL.canParse(origin)) return false;
    return new URL(origin).host === host;
  }
  return headers.get(CSRF_HEADER) === "1";
}

/** Rate-limit key of a login attempt (proxy header when present; one shared key otherwise). */
export function clientKeyOf(headers: Headers): string {
  return (headers.get("x-forwarded-for")?.split(",")[0] ?? headers.get("x-real-ip") ?? "direct").trim();
}
