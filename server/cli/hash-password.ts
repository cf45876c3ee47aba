// `npx tsx server/cli/hash-password.ts`: reads a password from stdin (or the first argument) and
// prints the ADMIN_PASSWORD_HASH line for .env (scrypt$N$r$p$salt$hash).
import { hashPassword } from "../auth/password-hash";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

const password = process.argv[2] ?? (process.stdin.isTTY ? "" : await readStdin());
if (password.length < 8) {
  console.error("usage: echo -n 'a password of 8+ characters' | npx tsx server/cli/hash-password.ts");
  process.exit(2);
}
console.log(`ADMIN_PASSWORD_HASH=${hashPassword(password)}`);
