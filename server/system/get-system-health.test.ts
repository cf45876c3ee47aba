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

describe("getSystemHealth with a dropped connection", () => {
  it("reports a pooled connection that fails on its first query as the database being unreachable", async () => {
    // What pg hands out when the server has just killed an idle connection: connect works, the
    // first query fails with ECONNRESET (seen in e2e when the database is taken away).
    let released: boolean | undefined;
    const dropped = {
      connect: async () => ({
        query: async () => {
          throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
        },
        release: (destroy?: boolean) => {
          released = destroy;
        },
      }),
    } as unknown as pg.Pool;
    const h = await getSystemHealth({ pool: dropped, kind: "external" });
    expect(h.ok).toBe(false);
    expect(h.database.connected).toBe(false);
    expect(h.reasons).toEqual(["database unreachable: read ECONNRESET"]);
    expect(released).toBe(true); // the broken client is destroyed, not returned to the pool
  });
});
