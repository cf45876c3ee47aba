// Sweep axis parsing and grid expansion.
import { describe, expect, it } from "vitest";
import { applyPoint, expandGrid, gridSize, parseAxisSpec, rangeValues, SweepSpecError } from "./sweep-axes";

describe("sweep axes", () => {
  it("expands inclusive ranges without binary-fraction noise", () => {
    expect(rangeValues(0.1, 0.5, 0.1)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues(1, 1, 1)).toEqual([1]);
    expect(parseAxisSpec("marginRatioTarget=0.5:1:0.25")).toEqual({ key: "marginRatioTarget", values: [0.5, 0.75, 1] });
  });

  it("parses lists and dotted keys", () => {
    expect(parseAxisSpec("hedgeAllocation.binance=0.2,0.4")).toEqual({ key: "hedgeAllocation.binance", values: [0.2, 0.4] });
  });

  it.each(["noequals", "k=1:2", "k=a,b", "k=2:1:1", "k=0:1:0", "k=1,1", "1k=1"])("rejects %s", (spec) => {
    expect(() => parseAxisSpec(spec)).toThrow(SweepSpecError);
  });

  it("builds the cartesian product, first axis slowest", () => {
    const axes = [parseAxisSpec("a=1,2"), parseAxisSpec("b=10,20,30")];
    expect(gridSize(axes)).toBe(6);
    expect(expandGrid(axes)).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
  });

  it("applies a point by dotted key without touching the base", () => {
    const base = { a: 1, hedgeAllocation: { binance: 0.4, bybit: 0.3 } };
    const out = applyPoint(base, [parseAxisSpec("hedgeAllocation.binance=0.5"), parseAxisSpec("a=3")], [0.5, 3]);
    expect(out).toEqual({ a: 3, hedgeAllocation: { binance: 0.5, bybit: 0.3 } });
    expect(base.hedgeAllocation.binance).toBe(0.4);
  });
});
