// Smoke test: the per-run test database exists and is migrated.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

describe("test database", () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  afterAll(() => pool.end());
  it("is a fresh, migrated database of this run", async () => {
    const { rows } = await pool.query<{ db: string; n: string }>(
      `SELECT current_database() AS db, (SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL)::text AS n`,
    );
    expect(rows[0]?.db).toMatch(/^basislab_test_/);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
  });
});
