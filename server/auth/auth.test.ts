// Operator auth: scrypt hashes, signed cookies, the login rate limit, the CSRF check, sealed secrets,
// and, end to end through the tRPC caller and the login handler, that controls are refused without
// a login and exchange keys never come back in a response.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password-hash";
import { LoginRateLimiter, LOGIN_MAX_FAILURES_PER_KEY, LOGIN_WINDOW_MS } from "./login-rate-limit";
import { CSRF_HEADER, isSameOriginRequest } from "./request-auth";
import { openSecret, parseSecretsKey, sealSecret } from "./secret-box";
import { createSessionValue, readCookie, SESSION_COOKIE, verifySessionValue } from "./session-cookie";

const TOKEN = "test-admin-token-0123456789abcdef";
const SECRET = "test-session-secret-0123456789abcdef0123";
const SECRETS_KEY = "11".repeat(32);
const PASSWORD = "correct horse battery staple";

beforeAll(() => {
  // set before the first getEnv() call in this (forked) test process
  process.env.ADMIN_TOKEN = TOKEN;
  process.env.SESSION_SECRET = SECRET;
  process.env.SECRETS_KEY = SECRETS_KEY;
  process.env.ADMIN_PASSWORD_HASH = hashPassword(PASSWORD, { N: 1024 });
  process.env.LIVE_PUBLIC_READ = "false";
});

describe("password hash", () => {
  it("verifies the right password and refuses a wrong one or a malformed hash", () => {
    const h = hashPassword("s3cret-pass", { N: 1024 });
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(verifyPassword("s3cret-pass", h)).toBe(true);
    expect(verifyPassword("s3cret-pasS", h)).toBe(false);
    expect(verifyPassword("s3cret-pass", h.replace("scrypt$1024", "scrypt$1000"))).toBe(false);
    expect(verifyPassword("s3cret-pass", "plain")).toBe(false);
  });
});

describe("session cookie", () => {
  const now = 1_700_000_000_000;
  it("round-trips, and refuses a tampered, expired or re-keyed cookie", () => {
    const v = createSessionValue(SECRET, "fp1", now);
    expect(verifySessionValue(v, SECRET, "fp1", now + 1000)?.sub).toBe("admin");
    const [payload, sig] = v.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ sub: "admin", iat: now, exp: now + 1e12, fp: "fp1" })).toString("base64url");
    expect(verifySessionValue(`${forged}.${sig}`, SECRET, "fp1", now)).toBeNull();
    expect(verifySessionValue(`${payload}.${sig.slice(0, -2)}xx`, SECRET, "fp1", now)).toBeNull();
    expect(verifySessionValue(v, SECRET, "fp1", now + 13 * 3600_000)).toBeNull();
    expect(verifySessionValue(v, SECRET, "fp2", now)).toBeNull();
    expect(verifySessionValue(v, `${SECRET}x`, "fp1", now)).toBeNull();
    expect(readCookie(`a=1; ${SESSION_COOKIE}=${v}; b=2`, SESSION_COOKIE)).toBe(v);
  });
});

describe("login rate limit", () => {
  it("blocks a key after 5 failures for the rest of the window, and a success clears it", () => {
    const l = new LoginRateLimiter();
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_KEY; i++) {
      expect(l.retryAfter("a", 1000 + i)).toBe(0);
      l.recordFailure("a", 1000 + i);
    }
    expect(l.retryAfter("a", 2000)).toBe(1000 + LOGIN_WINDOW_MS - 2000);
    expect(l.retryAfter("b", 2000)).toBe(0);
    expect(l.retryAfter("a", 1005 + LOGIN_WINDOW_MS)).toBe(0);
    l.recordSuccess("a");
    expect(l.retryAfter("a", 2000)).toBe(0);
  });
});

describe("CSRF check", () => {
  it("accepts same-origin and header-marked requests only", () => {
    expect(isSameOriginRequest(new Headers({ host: "127.0.0.1:3300", origin: "http://127.0.0.1:3300" }))).toBe(true);
    expect(isSameOriginRequest(new Headers({ host: "127.0.0.1:3300", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "127.0.0.1:3300", origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "127.0.0.1:3300" }))).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "127.0.0.1:3300", [CSRF_HEADER]: "1" }))).toBe(true);
  });
});

describe("secret box", () => {
  it("seals with a fresh IV, opens, and refuses tampering or another key", () => {
    const key = parseSecretsKey(SECRETS_KEY);
    const a = sealSecret(key, "api-secret");
    expect(a).not.toBe(sealSecret(key, "api-secret"));
    expect(a).not.toContain("api-secret");
    expect(openSecret(key, a)).toBe("api-secret");
    const buf = Buffer.from(a, "base64");
    buf[buf.length - 1] = (buf[buf.length - 1] as number) ^ 1;
    expect(() => openSecret(key, buf.toString("base64"))).toThrow();
    expect(() => openSecret(parseSecretsKey("22".repeat(32)), a)).toThrow();
    expect(() => parseSecretsKey(undefined)).toThrow(/SECRETS_KEY/);
  });
});

describe("auth end to end (login handler + tRPC)", () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  afterAll(() => pool.end());
  const host = "127.0.0.1:3300";
  const login = async (secret: string, headers: Record<string, string> = {}) => {
    const { handleLogin } = await import("./login-handler");
    return handleLogin(
      new Request(`http://${host}/api/auth/login`, {
        method: "POST",
        headers: { host, origin: `http://${host}`, "content-type": "application/json", "x-forwarded-for": "10.0.0.9", ...headers },
        body: JSON.stringify({ secret }),
      }),
    );
  };
  const caller = async (headers: Record<string, string>) => {
    const { createCaller } = await import("../api/root");
    return createCaller({ headers: new Headers({ host, ...headers }) });
  };

  it("refuses controls and reads without a login, accepts them with the cookie, refuses cross-site mutations", async () => {
    const anon = await caller({});
    const id = "00000000-0000-4000-8000-000000000000";
    await expect(anon.live.control({ sessionId: id, control: "stop" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.live.start({ mode: "btc_basis", capital: 10_000, datasetName: "x", start: "2024-01-01", end: "2024-01-02" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.live.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await anon.live.viewer()).toEqual({ loggedIn: false, publicRead: false, authConfigured: true });

    const res = await login(TOKEN);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(";")[0] as string;

    const crossSite = await caller({ cookie, origin: "https://evil.example" });
    await expect(crossSite.live.control({ sessionId: id, control: "stop" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const op = await caller({ cookie, origin: `http://${host}` });
    expect(await op.live.viewer()).toMatchObject({ loggedIn: true });
    await expect(op.live.control({ sessionId: id, control: "stop" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(Array.isArray(await op.live.list())).toBe(true);

    // the password works too
    expect((await login(PASSWORD, { "x-forwarded-for": "10.0.0.10" })).status).toBe(200);
    // cross-site login is refused
    expect((await login(TOKEN, { origin: "https://evil.example" })).status).toBe(403);
  });

  it("rate-limits failed logins per client", async () => {
    const h = { "x-forwarded-for": "10.0.0.77" };
    for (let i = 0; i < 5; i++) expect((await login("wrong-password", h)).status).toBe(401);
    const blocked = await login(TOKEN, h);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login(TOKEN, { "x-forwarded-for": "10.0.0.78" })).status).toBe(200);
  });

  it("stores exchange keys sealed and never returns them", async () => {
    const cookie = ((await login(TOKEN, { "x-forwarded-for": "10.0.0.11" })).headers.get("set-cookie") ?? "").split(";")[0] as string;
    const op = await caller({ cookie, [CSRF_HEADER]: "1" });
    const apiKey = "AKIAEXAMPLEKEY123456";
    const secret = "SECRETEXAMPLEVALUE987654321";
    const saved = await op.live.saveCredential({ exchange: "binance", label: "testnet main", apiKey, secret });
    const listed = await op.live.credentials();
    for (const body of [JSON.stringify(saved), JSON.stringify(listed)]) {
      expect(body).not.toContain(apiKey);
      expect(body).not.toContain(secret);
    }
    expect(listed).toEqual([expect.objectContaining({ exchange: "binance", label: "testnet main", testnet: true })]);
    const { rows } = await pool.query(`SELECT * FROM exchange_credentials`);
    expect(JSON.stringify(rows)).not.toContain(apiKey);
    expect(JSON.stringify(rows)).not.toContain(secret);
    const { openExchangeCredential } = await import("../live/exchange-credentials");
    expect(await openExchangeCredential(pool, SECRETS_KEY, saved.id)).toMatchObject({ apiKey, secret, exchange: "binance" });
    const anon = await caller({ [CSRF_HEADER]: "1" });
    await expect(anon.live.credentials()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
