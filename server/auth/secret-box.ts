// AES-256-GCM for secrets at rest (exchange API keys): the key comes from SECRETS_KEY (32 bytes,
// hex or base64); the stored form is base64(iv 12 | tag 16 | ciphertext). Tampering fails to open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export class SecretsKeyMissingError extends Error {
  constructor() {
    super("SECRETS_KEY is not set: exchange API keys cannot be stored (set 32 bytes as 64 hex characters or base64)");
    this.name = "SecretsKeyMissingError";
  }
}

export function parseSecretsKey(raw: string | undefined): Buffer {
  if (!raw) throw new SecretsKeyMissingError();
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new SecretsKeyMissingError();
  return key;
}

export function sealSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function openSecret(key: Buffer, sealed: string): string {
  const buf = Buffer.from(sealed, "base64");
  if (buf.length < 29) throw new Error("sealed secret is too short");
  const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8");
}
