// The first-start seed creates the synthetic data set once, even when processes race for it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { listDatasets, loadDatasetByName } from "../market-data/store";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { ensureSyntheticDataset } from "./seed-synthetic";

// Separate pools stand in for separate processes.
const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
afterAll(() => Promise.all(pools.map((p) => p.end())));

describe("ensureSyntheticDataset", () => {
  it("creates the data set once when three processes race, then reports it exists", async () => {
    const name = `seed-${randomUUID().slice(0, 8)}`;
    const end = "2024-01-05T00:00:00Z";
    const results = await Promise.all(pools.map((p) => ensureSyntheticDataset(p, { name, end })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.every((r) => r.name === name && r.version === 1)).toBe(true);
    expect(await ensureSyntheticDataset(pools[0] as pg.Pool, { name, end })).toEqual({ created: false, name, version: 1 });

    const listed = (await listDatasets(pools[0] as pg.Pool)).filter((d) => d.name === name);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ source: "synthetic", seed: 42 });
    expect(listed[0]?.description).toMatch(/^SYNTHETIC/);
    const loaded = await loadDatasetByName(pools[1] as pg.Pool, name);
    const expected = generateSyntheticData({ seed: 42, end });
    expect(loaded.source).toBe("synthetic");
    expect([...loaded.series.keys()].sort()).toEqual([...expected.series.keys()].sort());
    const a = loaded.series.get("perp:okx:ETHUSDT")?.fields.close;
    expect(a && Array.from(a)).toEqual(Array.from(expected.series.get("perp:okx:ETHUSDT")?.fields.close ?? []));
  });
});
