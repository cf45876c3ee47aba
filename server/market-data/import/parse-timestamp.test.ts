// Known-answer tests for the six timestamp spellings (run under a non-UTC TZ by npm test).

import { describe, expect, it } from "vitest";
import { parseTimestampDetailed, parseUtcTimestamp, toIsoUtc } from "./parse-timestamp";

const T = Date.UTC(2024, 4, 12, 1, 0, 0); // 2024-05-12T01:00:00Z

describe("parseUtcTimestamp", () => {
  it.each([
    ["2024-05-12T01:00:00Z", "iso-z"],
    ["1715475600", "epoch-s"],
    ["1715475600000", "epoch-ms"],
    ["2024-05-12 01:00:00+00:00", "space-offset"],
    ["2024-05-12T01:00:00+00:00Z", "offset-and-z"],
    ["2024-05-12 01:00:00", "naive"],
  ])("reads %s as %s, UTC", (raw, format) => {
    expect(parseTimestampDetailed(raw)).toEqual({ ms: T, format });
  });

  it("reads a bare date as UTC midnight, never local time", () => {
    expect(parseTimestampDetailed("2024-02-16")).toEqual({ ms: Date.UTC(2024, 1, 16), format: "date" });
  });

  it("keeps sub-second precision (Binance .backup style)", () => {
    expect(parseUtcTimestamp("2025-09-29T08:00:00.002000Z")).toBe(Date.UTC(2025, 8, 29, 8, 0, 0, 2));
  });

  it("applies non-zero offsets", () => {
    expect(parseUtcTimestamp("2024-05-12 09:00:00+08:00")).toBe(T);
    expect(parseUtcTimestamp("2024-05-11T20:00:00-05:00")).toBe(T);
  });

  it("rejects junk and impossible dates with NaN", () => {
    for (const bad of ["", "yesterday", "2024-02-31", "2024-13-01", "2024-05-12Z", "2024-05-12T01:00:00ZZ", "12345"]) expect(parseUtcTimestamp(bad)).toBeNaN();
  });

  it("formats ISO UTC", () => {
    expect(toIsoUtc(T)).toBe("2024-05-12T01:00:00.000Z");
  });
});

describe("fixed-width fast path agrees with the general parser", () => {
  it("on every hour of a leap year, in each spelling", () => {
    const bad: string[] = [];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3_600_000) {
      const isoZ = new Date(t).toISOString().replace(".000Z", "Z");
      const base = isoZ.slice(0, 19);
      for (const s of [isoZ, `${base.replace("T", " ")}+00:00`, `${base}+00:00Z`, base.replace("T", " "), `${base}+00:00`]) if (parseUtcTimestamp(s) !== t) bad.push(s);
    }
    expect(bad).toEqual([]);
  });
  it("rejects 2023-02-29 and out-of-range clock fields, accepts 2024-02-29", () => {
    expect(parseUtcTimestamp("2023-02-29")).toBeNaN();
    expect(parseUtcTimestamp("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtcTimestamp("2024-01-01T24:00:00Z")).toBeNaN();
    expect(parseUtcTimestamp("2024-01-01 00:60:00+00:00")).toBeNaN();
    expect(parseUtcTimestamp("2024-01-01 00:00:00+00:00X")).toBeNaN();
  });
});
