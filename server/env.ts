// Every environment variable Basis Lab reads, validated once with zod; a bad value stops start-up
// with a message naming the variable and what it accepts.
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^postgres(ql)?:\/\/[^/]+\/[^/?#]+/.test(v) && URL.canParse(v), {
      message: "expected postgresql://user[:password]@host[:port]/database",
    })
    .optional(),
  PORT: z.coerce.number({ message: "expected a TCP port number" }).int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number({ message: "expected a TCP port number" }).int().min(1024).max(65535).default(54329),
  START_WORKER: booleanFlag.default(true),
  WORKER_CONCURRENCY: z.coerce.number({ message: "expected an integer 1-16" }).int().min(1).max(16).default(2),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Set by `npm start` when it launched the embedded server; reported on the status page. */
  DATABASE_KIND: z.enum(["embedded", "external"]).default("external"),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /** Live controls: the admin's password hash `scrypt$N$r$p$saltB64$hashB64` (server/auth/password-hash.ts). */
  ADMIN_PASSWORD_HASH: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/, { message: "expected scrypt$N$r$p$salt$hash (npx tsx server/cli/hash-password.ts)" })
    .optional(),
  /** Live controls: an admin token (at least 24 characters) accepted instead of the password. */
  ADMIN_TOKEN: z.string().min(24, { message: "expected at least 24 characters" }).optional(),
  /** HMAC key of the operator session cookie (at least 32 characters). */
  SESSION_SECRET: z.string().min(32, { message: "expected at least 32 characters" }).optional(),
  /** Let anyone read live dashboards (controls still need a login). Default false. */
  LIVE_PUBLIC_READ: booleanFlag.default(false),
  /** AES-256-GCM key for stored exchange API keys: 32 bytes as 64 hex characters or base64. */
  SECRETS_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32, { message: "expected 32 bytes as 64 hex characters or base64" })
    .optional(),
  /** Send live exchange-venue requests here instead of the exchange's testnet (a proxy, or the local fake exchange). */
  LIVE_EXCHANGE_BASE_URL: z.url({ message: "expected an http(s) URL" }).optional(),
  /** POST live alerts as JSON to this URL. */
  LIVE_ALERT_WEBHOOK_URL: z.url({ message: "expected an http(s) URL" }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  ${i}`).join("\n")}\nSee .env.example for every variable and its allowed values.`);
    this.name = "EnvError";
  }
}

/** Validates a raw environment (empty strings count as unset, as in most .env tooling). */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = raw[key];
    if (v !== undefined && v !== "") cleaned[key] = v;
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        return `${name}=${JSON.stringify(cleaned[name] ?? "")}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated process environment; read lazily so `next build` never needs it at import time. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
