// One test per named repair: each must change exactly what the data README says, and count it.

import { describe, expect, it } from "vitest";
import { buildSeries } from "./build-series";
import { DataImportError } from "./import-errors";
import { createRawRows, fieldColumn, pushRow, type RawRows } from "./raw-rows";
import {
  assertStrictlyIncreasing,
  convertOkxContractsToBase,
  countOutOfBounds,
  dropExactDuplicates,
  dropZeroApyGlitches,
  expectedGridCount,
  fillEmptyRewardWithZero,
  findGaps,
  pickGenuineOkxFundingRate,
  refuseDefectiveFile,
  resolveOkxFundingConflicts,
  sortRowsByTime,
} from "./repairs";
import { staleSince } from "./stale-since";

const H = 3_600_000;

function rowsOf(field: string, data: [number, number, string?][]): RawRows {
  const r = createRawRows("t.csv", [field]);
  for (const [t, v, line] of data) pushRow(r, t, [v], line ?? `${t},${v}`);
  return r;
}

describe("sortRowsByTime", () => {
  it("sorts stably and counts out-of-order rows; sorted input untouched", () => {
    const r = rowsOf("x", [[3, 30], [1, 10], [2, 20], [1, 11]]);
    expect(sortRowsByTime(r)).toBe(2);
    expect(r.time).toEqual([1, 1, 2, 3]);
    expect(fieldColumn(r, "x")).toEqual([10, 11, 20, 30]);
    expect(sortRowsByTime(r)).toBe(0);
  });
});

describe("dropExactDuplicates", () => {
  it("drops identical rows at the same time, keeps differing ones for conflict handling", () => {
    const r = rowsOf("x", [[1, 10, "a"], [2, 20, "b"], [2, 20, "b"], [3, 30, "c"], [3, 31, "c2"]]);
    expect(dropExactDuplicates(r)).toBe(1);
    expect(r.time).toEqual([1, 2, 3, 3]);
    expect(() => assertStrictlyIncreasing(r)).toThrow(DataImportError);
    expect(() => assertStrictlyIncreasing(r)).toThrow(/t\.csv: conflicting rows at 1970-01-01T00:00:00\.003Z/);
  });
});

describe("resolveOkxFundingConflicts (data README §2.2)", () => {
  const before = Date.UTC(2025, 3, 24, 16);
  const after = Date.UTC(2025, 3, 25, 0);
  it("before 2025-04-25 drops the exact 0.0001 member, whichever comes first", () => {
    expect(pickGenuineOkxFundingRate(before, 0.0001, 5e-5)).toBe(5e-5);
    expect(pickGenuineOkxFundingRate(before, -3e-5, 0.0001)).toBe(-3e-5);
  });
  it("from 2025-04-25 keeps the larger member, even if it is 0.0001", () => {
    expect(pickGenuineOkxFundingRate(after, -0.0004, 0.0001)).toBe(0.0001);
    expect(pickGenuineOkxFundingRate(after, 3e-5, -2e-5)).toBe(3e-5);
  });
  it("resolves pairs, leaves single rows, counts timestamps resolved", () => {
    const r = rowsOf("rate", [[before, 0.0001, "a"], [before, 2e-5, "b"], [after, -0.0004, "c"], [after, 1e-4, "d"], [after + 8 * H, 4e-5, "e"]]);
    expect(resolveOkxFundingConflicts(r)).toBe(2);
    expect(r.time).toEqual([before, after, after + 8 * H]);
    expect(fieldColumn(r, "rate")).toEqual([2e-5, 1e-4, 4e-5]);
  });
  it("refuses triples", () => {
    const r = rowsOf("rate", [[after, 1, "a"], [after, 2, "b"], [after, 3, "c"]]);
    expect(() => resolveOkxFundingConflicts(r)).toThrow(/more than two/);
  });
});

describe("findGaps / expectedGridCount", () => {
  it("reports missing grid points as inclusive ranges and counts the full grid", () => {
    const t = [0, 1, 4, 5, 7].map((h) => h * H);
    expect(findGaps(t, H)).toEqual([
      { fromMs: 2 * H, toMs: 3 * H },
      { fromMs: 6 * H, toMs: 6 * H },
    ]);
    expect(expectedGridCount(t, H)).toBe(8);
  });
});

describe("yield glitches", () => {
  it("dropZeroApyGlitches removes exact zeros only", () => {
    const r = rowsOf("apy", [[1, 0.1], [2, 0], [3, 0.0001]]);
    expect(dropZeroApyGlitches(r, "apy")).toBe(1);
    expect(r.time).toEqual([1, 3]);
  });
  it("fillEmptyRewardWithZero fills NaN cells only", () => {
    const r = rowsOf("rewardApy", [[1, Number.NaN], [2, 0.02]]);
    expect(fillEmptyRewardWithZero(r, "rewardApy")).toBe(1);
    expect(fieldColumn(r, "rewardApy")).toEqual([0, 0.02]);
  });
});

describe("convertOkxContractsToBase", () => {
  it("multiplies contract volume by 0.1 ETH", () => {
    const r = rowsOf("volume", [[1, 1000], [2, 547874.5999999999]]);
    expect(convertOkxContractsToBase(r)).toBe(2);
    expect(fieldColumn(r, "volume")[0]).toBeCloseTo(100, 12);
    expect(fieldColumn(r, "volume")[1]).toBeCloseTo(54787.46, 6);
  });
});

describe("refuseDefectiveFile", () => {
  it("refuses the wstETH base-yield file with a warning naming it and its replacement", () => {
    const rel = "protocol_data/staking/base_yields/wsteth_oracle_yields_2024-01-01_2025-09-18.csv";
    const r = refuseDefectiveFile(rel);
    expect(r?.warning).toContain(rel);
    expect(r?.replacementSeriesId).toBe("lst:wstETH");
    expect(refuseDefectiveFile("protocol_data/staking/base_yields/weeth_oracle_yields_2024-01-01_2025-09-18.csv")).toBeNull();
  });
});

describe("countOutOfBounds", () => {
  it("counts values outside bounds and bars whose high/low do not bracket open/close", () => {
    const fields = { open: [10, 10], high: [12, 9], low: [9, 8], close: [11, 9], volume: [1, -1] };
    expect(countOutOfBounds(fields, { volume: [0, 1e9] })).toBe(2);
  });
});

describe("buildSeries", () => {
  it("applies the repairs in order and reports them; gaps get stale-since notes", () => {
    const r = createRawRows("p.csv", ["close"]);
    for (const [h, v, line] of [[0, 1, "a"], [1, 2, "b"], [1, 2, "b"], [4, 3, "c"]] as const) pushRow(r, h * H, [v], line);
    const { series, quality } = buildSeries(r, { id: "spot:x:Y", kind: "spot", source: "p.csv", stepMs: H, staleInGaps: true, bounds: { close: [0, 2.5] } });
    expect(Array.from(series.time)).toEqual([0, H, 4 * H]);
    expect(quality).toMatchObject({ count: 3, expectedCount: 5, duplicatesDropped: 1, conflictsResolved: 0, outOfBounds: 1, repairs: { dropExactDuplicates: 1 } });
    expect(quality.gaps).toEqual([{ from: "1970-01-01T02:00:00.000Z", to: "1970-01-01T03:00:00.000Z" }]);
    expect(quality.staleNotes?.[0]).toContain("stale since then");
    expect(staleSince(series, 3 * H, H)).toBe(H);
    expect(staleSince(series, 4 * H + 10, H)).toBeNull();
    expect(staleSince(series, -1, H)).toBeNull();
  });
  it("refuses an empty row set naming the file", () => {
    expect(() => buildSeries(createRawRows("e.csv", ["x"]), { id: "gas:ethereum", kind: "gas", source: "e.csv" })).toThrow(/e\.csv: no data rows/);
  });
});
