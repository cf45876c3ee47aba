// Integration tests of the data-set store against the per-run PostgreSQL database: byte-identical
// round trips, versioning, all-or-nothing imports, validation and concurrent saves.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { MarketData, Series } from "../series";
import { generateSyntheticData } from "../synthetic/generate";
import { DatasetInvalidError, DatasetNotFoundError, getDatasetReport, listDatasets, loadDatasetById, loadDatasetByName, saveDataset } from "./index";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
afterAll(() => pool.end());

/** Names unique to this run of this file: other test files share the database. */
const uniq = (label: string): string => `st-${label}-${randomUUID().slice(0, 8)}`;

const small = (seed = 42): MarketData => generateSyntheticData({ seed, end: "2024-01-04T00:00:00Z" });

function bytesOf(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function expectSameData(actual: MarketData, expected: MarketData): void {
  expect([...actual.series.keys()].sort()).toEqual([...expected.series.keys()].sort());
  for (const [id, e] of expected.series) {
    const a = actual.series.get(id) as Series;
    expect(a.kind, id).toBe(e.kind);
    expect(bytesOf(a.time).equals(bytesOf(e.time)), `${id}.time`).toBe(true);
    expect(Object.keys(a.fields).sort(), id).toEqual(Object.keys(e.fields).sort());
    for (const [f, arr] of Object.entries(e.fields)) {
      expect(bytesOf(a.fields[f] as Float64Array).equals(bytesOf(arr)), `${id}.${f}`).toBe(true);
    }
  }
}

async function countRows(name: string): Promise<{ datasets: number; series: number }> {
  const { rows } = await pool.query<{ d: string; s: string }>(
    `SELECT (SELECT count(*) FROM datasets WHERE name = $1) AS d,
            (SELECT count(*) FROM dataset_series s JOIN datasets d ON d.id = s."datasetId" WHERE d.name = $1) AS s`,
    [name],
  );
  return { datasets: Number(rows[0]?.d), series: Number(rows[0]?.s) };
}

describe("data-set store", () => {
  it("round-trips the whole synthetic data set byte for byte", async () => {
    const name = uniq("full");
    const data = generateSyntheticData();
    const progress: number[] = [];
    const saved = await saveDataset(pool, {
      name,
      source: "synthetic",
      seed: 42,
      description: "synthetic test",
      data,
      onProgress: (done, total) => {
        expect(total).toBe(data.series.size);
        progress.push(done);
      },
    });
    expect(saved).toMatchObject({ name, version: 1 });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(data.series.size);
    const loaded = await loadDatasetByName(pool, name);
    expect(loaded).toMatchObject({ name, version: 1, source: "synthetic" });
    expectSameData(loaded, data);
    const byId = await loadDatasetById(pool, saved.id);
    expectSameData(byId, data);

    const summary = (await listDatasets(pool)).find((d) => d.id === saved.id);
    expect(summary).toMatchObject({ name, version: 1, source: "synthetic", seed: 42, description: "synthetic test", seriesCount: data.series.size });
    let bytes = 0;
    for (const s of data.series.values()) bytes += s.time.byteLength * (1 + Object.keys(s.fields).length);
    expect(summary?.sizeBytes).toBe(bytes);
    expect(summary?.coverageStart?.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(summary?.coverageEnd?.toISOString()).toBe("2025-09-30T23:59:00.000Z"); // the last 1-minute bar
  });

  it("keeps full float64 precision, negative zero and extreme values", async () => {
    const name = uniq("precision");
    const values = Float64Array.from([0.1 + 0.2, -0, 1e-300, -1.7976931348623157e308, 5e-324, Math.PI]);
    const time = Float64Array.from([1, 2, 3, 4, 5, 6].map((h) => Date.UTC(2024, 0, 1, h)));
    const data: MarketData = {
      name,
      version: 0,
      source: "real",
      series: new Map([["funding:test:X", { id: "funding:test:X", kind: "funding", time, fields: { rate: values } }]]),
    };
    await saveDataset(pool, { name, source: "real", data });
    const loaded = await loadDatasetByName(pool, name);
    expectSameData(loaded, data);
    expect(Object.is(loaded.series.get("funding:test:X")?.fields.rate?.[1], -0)).toBe(true);
  });

  it("numbers versions per name and loads the latest ready version by default", async () => {
    const name = uniq("versions");
    const v1 = await saveDataset(pool, { name, source: "synthetic", data: small(1) });
    const v2 = await saveDataset(pool, { name, source: "synthetic", data: small(2) });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.id).not.toBe(v2.id);
    expectSameData(await loadDatasetByName(pool, name), small(2));
    expectSameData(await loadDatasetByName(pool, name, 1), small(1));
    expect((await loadDatasetByName(pool, name, 1)).version).toBe(1);
    const listed = (await listDatasets(pool)).filter((d) => d.name === name).map((d) => d.version);
    expect(listed).toEqual([2, 1]);
    await expect(loadDatasetByName(pool, name, 3)).rejects.toBeInstanceOf(DatasetNotFoundError);
  });

  it("loads only the requested series when asked", async () => {
    const name = uniq("subset");
    await saveDataset(pool, { name, source: "synthetic", data: small() });
    const d = await loadDatasetByName(pool, name, undefined, { seriesIds: ["aave:USDT", "funding:okx:BTCUSDT", "nope:x"] });
    expect([...d.series.keys()].sort()).toEqual(["aave:USDT", "funding:okx:BTCUSDT"]);
  });

  it("leaves nothing behind when an import fails part-way through COPY", async () => {
    const name = uniq("fail");
    const boom = new Error("injected failure after 3 series");
    await expect(
      saveDataset(pool, {
        name,
        source: "real",
        data: small(),
        onProgress: (done) => {
          if (done === 3) throw boom;
        },
      }),
    ).rejects.toThrow(/injected failure/);
    expect(await countRows(name)).toEqual({ datasets: 0, series: 0 });
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM dataset_series s LEFT JOIN datasets d ON d.id = s."datasetId" WHERE d.id IS NULL`);
    expect(Number(rows[0]?.n)).toBe(0);
    // the name is free again, and the pool still works
    const ok = await saveDataset(pool, { name, source: "real", data: small() });
    expect(ok.version).toBe(1);
    expect(await countRows(name)).toEqual({ datasets: 1, series: small().series.size });
  });

  it("refuses corrupt data before writing anything", async () => {
    const name = uniq("corrupt");
    const good = small();
    const bad = (mutate: (s: Series) => Series): MarketData => {
      const series = new Map(good.series);
      const s = series.get("spot:binance:BTCUSDT") as Series;
      series.set(s.id, mutate(s));
      return { ...good, series };
    };
    const withNaN = bad((s) => ({ ...s, fields: { ...s.fields, close: Float64Array.from(s.fields.close ?? [], (v, i) => (i === 5 ? NaN : v)) } }));
    const backwards = bad((s) => ({ ...s, time: Float64Array.from(s.time, (t, i) => (i === 7 ? t - 2 * 3_600_000 : t)) }));
    const shortField = bad((s) => ({ ...s, fields: { ...s.fields, volume: (s.fields.volume as Float64Array).subarray(1) } }));
    const unknownField = bad((s) => ({ ...s, fields: { ...s.fields, vwap: s.time } }));
    const wrongKind = bad((s) => ({ ...s, kind: "perp" }));
    for (const data of [withNaN, backwards, shortField, unknownField, wrongKind]) {
      await expect(saveDataset(pool, { name, source: "real", data })).rejects.toBeInstanceOf(DatasetInvalidError);
    }
    await expect(saveDataset(pool, { name: "bad name!", source: "real", data: good })).rejects.toThrow(/data set name/);
    expect(await countRows(name)).toEqual({ datasets: 0, series: 0 });
  });

  it("gives distinct versions to concurrent saves of one name and keeps names apart", async () => {
    const a = uniq("conc-a");
    const b = uniq("conc-b");
    const results = await Promise.all([
      saveDataset(pool, { name: a, source: "synthetic", data: small(1) }),
      saveDataset(pool, { name: b, source: "synthetic", data: small(2) }),
      saveDataset(pool, { name: a, source: "synthetic", data: small(3) }),
      saveDataset(pool, { name: a, source: "synthetic", data: small(4) }),
    ]);
    expect(results.filter((r) => r.name === a).map((r) => r.version).sort()).toEqual([1, 2, 3]);
    expect(results.filter((r) => r.name === b).map((r) => r.version)).toEqual([1]);
    expectSameData(await loadDatasetByName(pool, b), small(2));
    // each version holds exactly the data its save was given
    for (const [i, r] of results.entries()) {
      expectSameData(await loadDatasetById(pool, r.id), small([1, 2, 3, 4][i]));
    }
  });

  it("reports not-found with the names that exist", async () => {
    const name = uniq("exists");
    await saveDataset(pool, { name, source: "downloaded", data: small() });
    const err = await loadDatasetByName(pool, "no-such-set").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetNotFoundError);
    expect((err as DatasetNotFoundError).availableNames).toContain(name);
    expect((err as DatasetNotFoundError).message).toContain(name);
    await expect(loadDatasetById(pool, "not-a-uuid")).rejects.toBeInstanceOf(DatasetNotFoundError);
    await expect(loadDatasetById(pool, randomUUID())).rejects.toBeInstanceOf(DatasetNotFoundError);
  });

  it("stores the quality report and each series' entry of it", async () => {
    const name = uniq("report");
    const data = small();
    const report = { generatedAt: "2024-01-04T00:00:00Z", series: { "gas:ethereum": { gaps: [], duplicatesDropped: 2, note: "tab\tand \\ back\nslash" } } };
    await saveDataset(pool, { name, source: "real", data, report });
    const r = await getDatasetReport(pool, name);
    expect(r.report).toEqual(report);
    expect(r.dataset).toMatchObject({ name, version: 1, source: "real", seriesCount: data.series.size });
    const gas = r.series.find((s) => s.seriesId === "gas:ethereum");
    expect(gas).toMatchObject({ kind: "gas", fields: ["gasPriceGwei", "baseFeeGwei", "priorityFeeP25Gwei", "priorityFeeP50Gwei", "priorityFeeP75Gwei"], count: 73 });
    expect(gas?.quality).toEqual(report.series["gas:ethereum"]);
    expect(gas?.firstTime.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(gas?.lastTime.toISOString()).toBe("2024-01-04T00:00:00.000Z");
    expect(r.series.find((s) => s.seriesId === "aave:USDT")?.quality).toEqual({});
  });
});
