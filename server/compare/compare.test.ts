// Alignment, config diff and best-value selection for the compare page.
import { describe, expect, it } from "vitest";
import { alignRuns, drawdownSeries, normaliseTo100 } from "./align-series";
import { diffConfigs, flattenConfig } from "./config-diff";
import { buildMetricRows } from "./metrics-table";

const H = 3_600_000;
const D = 24 * H;

describe("alignRuns", () => {
  const a = { runId: "a", t: [0, D, 2 * D], values: { eq: [100, 101, 102] } };
  const b = { runId: "b", t: [D, 2 * D, 3 * D], values: { eq: [200, 190, 180] } };

  it("calendar: union axis, null outside each run's window, as-of inside", () => {
    const t = alignRuns([a, b], ["eq"], "calendar");
    expect(t.x).toEqual([0, D, 2 * D, 3 * D]);
    expect(t.columns["a:eq"]).toEqual([100, 101, 102, null]);
    expect(t.columns["b:eq"]).toEqual([null, 200, 190, 180]);
  });

  it("since start: both runs start at day 0", () => {
    const t = alignRuns([a, b], ["eq"], "sinceStart");
    expect(t.x).toEqual([0, 1, 2]);
    expect(t.columns["a:eq"]).toEqual([100, 101, 102]);
    expect(t.columns["b:eq"]).toEqual([200, 190, 180]);
  });

  it("carries the last value forward between a sparser run's points", () => {
    const sparse = { runId: "s", t: [0, 2 * D], values: { eq: [1, 3] } };
    const t = alignRuns([a, sparse], ["eq"], "calendar");
    expect(t.columns["s:eq"]).toEqual([1, 1, 3]);
  });
});

describe("normalise and drawdown", () => {
  it("normalises to 100 at the first value and measures drawdown from the running peak", () => {
    const n = normaliseTo100([50, 55, 45]);
    [100, 110, 90].forEach((v, i) => expect(n[i]).toBeCloseTo(v, 10));
    const dd = drawdownSeries([100, 110, 99, 120]);
    expect(dd[2]).toBeCloseTo(0.1, 12);
    expect(dd[3]).toBe(0);
  });
});

describe("diffConfigs", () => {
  const base = { runId: "a", mode: "btc_basis", config: { marginRatioTarget: 0.8, hedgeAllocation: { binance: 0.4, okx: 0.3 } }, dataset: { name: "synthetic", version: 1, source: "synthetic" } };
  it("lists only differing keys, nested ones dotted", () => {
    const other = { ...base, runId: "b", config: { marginRatioTarget: 0.5, hedgeAllocation: { binance: 0.4, okx: 0.6 } } };
    const d = diffConfigs([base, other]);
    expect(d.rows.map((r) => r.key)).toEqual(["hedgeAllocation.okx", "marginRatioTarget"]);
    expect(d.rows[1]?.values).toEqual({ a: 0.8, b: 0.5 });
    expect(d.warnings).toEqual([]);
  });
  it("warns when synthetic and real data are mixed", () => {
    const real = { ...base, runId: "r", dataset: { name: "real", version: 1, source: "real" } };
    expect(diffConfigs([base, real]).warnings[0]).toMatch(/synthetic/);
  });
  it("flattens nested objects", () => {
    expect(flattenConfig({ a: { b: 1, c: [1, 2] }, d: null })).toEqual({ "a.b": 1, "a.c": [1, 2], d: null });
  });
});

describe("buildMetricRows", () => {
  it("highlights the best per direction and diffs to the baseline", () => {
    const rows = buildMetricRows([{ apy: 0.05, maxDrawdown: 0.02 }, { apy: 0.07, maxDrawdown: 0.01 }, { apy: null, maxDrawdown: 0.03 }], 0);
    const apy = rows.find((r) => r.def.key === "apy")!;
    expect(apy.best).toBe(1);
    expect(apy.diffToBaseline[1]).toBeCloseTo(0.02, 12);
    expect(apy.diffToBaseline[2]).toBeNull();
    const dd = rows.find((r) => r.def.key === "maxDrawdown")!;
    expect(dd.best).toBe(1);
    const sharpe = rows.find((r) => r.def.key === "sharpe")!;
    expect(sharpe.best).toBeNull();
  });
});
