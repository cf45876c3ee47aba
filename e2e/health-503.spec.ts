// With its database taken away, the health probe answers 503 with a reason, and recovers after.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";

// Written by scripts/e2e-server.ts once the web server is up (read lazily: specs load before it).
const readInfo = () => JSON.parse(fs.readFileSync("test-results/e2e-database.json", "utf8")) as { name: string; serverUrl: string };

async function admin(sql: string): Promise<void> {
  const info = readInfo();
  const c = new pg.Client({ connectionString: info.serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

test("GET /api/health answers 503 with a reason while the database is unreachable", async ({ request }) => {
  const info = readInfo();
  await admin(`ALTER DATABASE "${info.name}" ALLOW_CONNECTIONS false`);
  await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${info.name}' AND pid <> pg_backend_pid()`);
  try {
    await expect
      .poll(async () => (await request.get("/api/health")).status(), { timeout: 15_000 })
      .toBe(503);
    const body = (await (await request.get("/api/health")).json()) as { status: string; reasons: string[]; database: { connected: boolean } };
    expect(body.status).toBe("unhealthy");
    expect(body.database.connected).toBe(false);
    expect(body.reasons.join(" ")).toMatch(/database unreachable/);
  } finally {
    await admin(`ALTER DATABASE "${info.name}" ALLOW_CONNECTIONS true`);
  }
  await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 15_000 }).toBe(200);
});
