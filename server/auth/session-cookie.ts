// The operator session cookie: a base64url JSON payload and its HMAC-SHA256 (SESSION_SECRET),
// HttpOnly, SameSite=Strict. The payload carries a fingerprint of the admin credentials, so
// changing the password or token logs every session out.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const SESSION_COOKIE = "bl_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const payloadSchema = z.object({ sub: z.literal("admin"), iat: z.number(), exp: z.number(), fp: z.string() });
export type OperatorSession = z.infer<typeof payloadSchema>;

const sign = (data: string, secret: string): string => createHmac("sha256", secret).update(data).digest("base64url");

/** Fingerprint of the configured admin credentials (never reveals them). */
export function credentialFingerprint(secret: string, passwordHash: string | undefined, token: string | undefined): string {
  return createHash("sha256").update(`${secret}\0${passwordHash ?? ""}\0${token ?? ""}`).digest("base64url").slice(0, 16);
}

export function createSessionValue(secret: string, fp: string, now: number): string {
  const payload = Buffer.from(JSON.stringify({ sub: "admin", iat: now, exp: now + SESSION_TTL_MS, fp })).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** The session in a cookie value when its signature, expiry and fingerprint check out, else null. */
export function verifySessionValue(value: string, secret: string, fp: string, now: number): OperatorSession | null {
  const [payload, sig] = value.split(".");
  if (!payload || !sig) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (!parsed.success || parsed.data.exp <= now || parsed.data.fp !== fp) return null;
  return parsed.data;
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export function sessionCookieHeader(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure ? "; Secure" : ""}`;
}

export function clearSessionCookieHeader(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? "; Secure" : ""}`;
}
