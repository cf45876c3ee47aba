// The data-load benchmark measures what it claims (every series and point comes back) and leaves
// no temporary data set behind. Timings are not asserted here; they are what `npm run bench` prints.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { benchDataLoad } from "./data-load";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
afterAll(() => pool.end());

describe("benchDataLoad", () => {
  it("loads the whole synthetic data set and cleans up after itself", async () => {
    const lines: string[] = [];
    const r = await benchDataLoad({ pool, realDataDir: null, repeats: 1, log: (l) => lines.push(l) });
    const expected = generateSyntheticData();
    let points = 0;
    for (const s of expected.series.values()) points += s.time.length;
    expect(r).toMatchObject({ dataset: "synthetic", series: expected.series.size, points, goalSeconds: 1 });
    expect(r.runs).toHaveLength(1);
    expect(r.loadSeconds).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith("data-load real: skipped"))).toBe(true);
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM datasets WHERE name LIKE 'bench-%'`);
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
