// LTTB keeps endpoints and extremes and never exceeds the point budget.
import { describe, expect, it } from "vitest";
import { lttbIndexes, lttbIndexesMulti } from "./lttb";

describe("lttbIndexes", () => {
  it("returns every index when the series is under the threshold", () => {
    expect(Array.from(lttbIndexes([1, 2, 3], [5, 6, 7], 10))).toEqual([0, 1, 2]);
  });

  it("keeps first, last and a lone spike within the budget", () => {
    const n = 10_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i === 6_543 ? 100 : Math.sin(i / 50)));
    const idx = lttbIndexes(x, y, 500);
    expect(idx.length).toBe(500);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    expect(Array.from(idx)).toContain(6_543);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
  });

  it("multi-series selection keeps each series' spike", () => {
    const n = 5_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const a = x.map((i) => (i === 1_000 ? 9 : 0));
    const b = x.map((i) => (i === 4_000 ? -9 : 0));
    const idx = Array.from(lttbIndexesMulti(x, [a, b], 300));
    expect(idx.length).toBeLessThanOrEqual(300);
    expect(idx).toContain(1_000);
    expect(idx).toContain(4_000);
  });
});
