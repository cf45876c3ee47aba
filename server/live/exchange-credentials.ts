// Exchange API keys: entered once, stored sealed (AES-256-GCM, SECRETS_KEY) and never returned:
// the list shows only exchange, label, testnet and when it was added. Only the worker-side venue
// adapter opens them (openExchangeCredential).
import type pg from "pg";
import { z } from "zod";
import { openSecret, parseSecretsKey, sealSecret } from "../auth/secret-box";
import { AppError } from "../errors";

export const EXCHANGES = ["binance", "bybit", "okx"] as const;

export const saveCredentialInputSchema = z.object({
  exchange: z.enum(EXCHANGES),
  label: z.string().trim().min(1, "name this key").max(60),
  testnet: z.boolean().default(true),
  apiKey: z.string().trim().min(8, "paste the API key").max(512),
  secret: z.string().trim().min(8, "paste the API secret").max(512),
  password: z.string().max(256).optional(),
});
export type SaveCredentialInput = z.input<typeof saveCredentialInputSchema>;

const storedSchema = z.object({ apiKey: z.string(), secret: z.string(), password: z.string().optional() });

export interface CredentialView {
  id: string;
  exchange: string;
  label: string;
  testnet: boolean;
  createdAt: string;
}

export async function saveExchangeCredential(pool: pg.Pool, secretsKey: string | undefined, raw: SaveCredentialInput): Promise<CredentialView> {
  const input = saveCredentialInputSchema.parse(raw);
  let key: Buffer;
  try {
    key = parseSecretsKey(secretsKey);
  } catch (err) {
    throw new AppError("DATA_MISSING", err instanceof Error ? err.message : "SECRETS_KEY missing");
  }
  const sealed = sealSecret(key, JSON.stringify({ apiKey: input.apiKey, secret: input.secret, ...(input.password ? { password: input.password } : {}) }));
  const { rows } = await pool.query(
    `INSERT INTO exchange_credentials (id, exchange, label, testnet, ciphertext) VALUES (gen_random_uuid(), $1, $2, $3, $4)
     ON CONFLICT (exchange, label) DO NOTHING RETURNING id, exchange, label, testnet, "createdAt"`,
    [input.exchange, input.label, input.testnet, sealed],
  );
  if (rows.length === 0) throw new AppError("CONFLICT", `a ${input.exchange} key named "${input.label}" already exists`, { label: ["already used"] });
  return toView(rows[0]);
}

const viewRowSchema = z.object({ id: z.string(), exchange: z.string(), label: z.string(), testnet: z.boolean(), createdAt: z.date() });
const toView = (raw: unknown): CredentialView => {
  const r = viewRowSchema.parse(raw);
  return { id: r.id, exchange: r.exchange, label: r.label, testnet: r.testnet, createdAt: r.createdAt.toISOString() };
};

export async function listExchangeCredentials(pool: pg.Pool): Promise<CredentialView[]> {
  const { rows } = await pool.query(`SELECT id, exchange, label, testnet, "createdAt" FROM exchange_credentials ORDER BY "createdAt" DESC`);
  return rows.map(toView);
}

export async function deleteExchangeCredential(pool: pg.Pool, id: string): Promise<void> {
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", "credential not found");
  await pool.query(`DELETE FROM exchange_credentials WHERE id = $1`, [id]);
}

/** Worker side only: the decrypted key for a venue adapter. Never send the result to a client or a log. */
export async function openExchangeCredential(pool: pg.Pool, secretsKey: string | undefined, id: string): Promise<z.infer<typeof storedSchema> & { exchange: string; testnet: boolean }> {
  const { rows } = await pool.query<{ exchange: string; testnet: boolean; ciphertext: string }>(`SELECT exchange, testnet, ciphertext FROM exchange_credentials WHERE id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "credential not found");
  const opened = storedSchema.parse(JSON.parse(openSecret(parseSecretsKey(secretsKey), row.ciphertext)));
  return { ...opened, exchange: row.exchange, testnet: row.testnet };
}
