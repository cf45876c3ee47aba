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
