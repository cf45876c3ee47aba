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
