// System health against the real test database and against a server that is not there.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getSystemHealth } from "./get-system-health";

describe("getSystemHealth", () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  afterAll(() => pool.end());

  it("reports a migrated, reachable database as healthy with its version", async () => {
    const h = await getSystemHealth({ pool, kind: "external" });
    expect(h.database.connected).toBe(true);
    expect(h.database.kind).toBe("external");
    expect(h.database.version).toMatch(/^PostgreSQL \d+/);
    expect(h.migrations.pending).toEqual([]);
    expect(h.migrations.applied).toBeGreaterThanOrEqual(2);
    expect(h.ok).toBe(true);
  });

  it("reports an unreachable database as unhealthy with a reason", async () => {
    const dead = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 2_000 });
    const h = await getSystemHealth({ pool: dead, kind: "embedded" });
    await dead.end();
    expect(h.ok).toBe(false);
    expect(h.database.connected).toBe(false);
    expect(h.reasons.join(" ")).toMatch(/database unreachable: ECONNREFUSED/);
  });
});
