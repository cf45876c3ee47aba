// Streams one prepared payload into a table with COPY FROM STDIN on a checked-out client.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export async function copyInto(client: pg.PoolClient | pg.Client, table: string, columns: readonly string[], payload: Buffer | string, format: "binary" | "text"): Promise<void> {
  if (payload.length === 0) return;
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FORMAT ${format})`;
  await pipeline(Readable.from([payload]), client.query(copyFrom(sql)));
}
