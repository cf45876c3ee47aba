// Streams one prepared payload into a table with COPY FROM STDIN on a checked-out client.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export async function copyInto(client: pg.PoolClient | pg.Client, table: string, columns: readonly string[], payload: Uint8Array | string, format: "binary" | "text"): Promise<void> {
  if (payload.length === 0) return;
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FORMAT ${format})`;
  // a Buffer that crossed a thread arrives as a plain Uint8Array: view it as a Buffer again (no copy)
  const chunk = typeof payload === "string" || Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  await pipeline(Readable.from([chunk]), client.query(copyFrom(sql)));
}
