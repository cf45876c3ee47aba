// The login and logout HTTP handlers (route files under app/api/auth are one line each): same-origin
// check, rate limit, credential check, then the signed HttpOnly SameSite=Strict cookie. The secret
// travels only in the POST body, never in a URL, and is never logged.
import { z } from "zod";
import { getEnv } from "../env";
import { getLoginRateLimiter } from "./login-rate-limit";
import { authConfigured, checkAdminCredentials, clientKeyOf, fingerprintOf, isSameOriginRequest } from "./request-auth";
import { clearSessionCookieHeader, createSessionValue, sessionCookieHeader } from "./session-cookie";

const loginBodySchema = z.object({ secret: z.string().min(1, "enter the password or token").max(1024) });

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });

const isSecure = (req: Request): boolean => req.headers.get("x-forwarded-proto") === "https" || new URL(req.url).protocol === "https:";

export async function handleLogin(req: Request): Promise<Response> {
  const env = getEnv();
  if (!isSameOriginRequest(req.headers)) return json(403, { error: "cross-site login refused" });
  if (!authConfigured(env) || !env.SESSION_SECRET) {
    return json(503, { error: "operator login is not configured: set SESSION_SECRET and ADMIN_PASSWORD_HASH or ADMIN_TOKEN" });
  }
  const limiter = getLoginRateLimiter();
  const key = clientKeyOf(req.headers);
  const now = Date.now();
  const wait = limiter.retryAfter(key, now);
  if (wait > 0) return json(429, { error: `too many failed attempts; try again in ${Math.ceil(wait / 1000)} s` }, { "retry-after": String(Math.ceil(wait / 1000)) });
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json(400, { error: "expected a JSON body { secret }" });
  }
  const parsed = loginBodySchema.safeParse(body);
  if (!parsed.success) return json(400, { error: parsed.error.issues[0]?.message ?? "invalid body" });
  if (!checkAdminCredentials(env, parsed.data.secret)) {
    limiter.recordFailure(key, now);
    return json(401, { error: "wrong password or token" });
  }
  limiter.recordSuccess(key);
  const value = createSessionValue(env.SESSION_SECRET, fingerprintOf(env), now);
  return json(200, { ok: true }, { "set-cookie": sessionCookieHeader(value, isSecure(req)) });
}

export async function handleLogout(req: Request): Promise<Response> {
  if (!isSameOriginRequest(req.headers)) return json(403, { error: "cross-site logout refused" });
  return json(200, { ok: true }, { "set-cookie": clearSessionCookieHeader(isSecure(req)) });
}
