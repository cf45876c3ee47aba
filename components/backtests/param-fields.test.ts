// The launch form's fields come from the mode's zod schema: labels, bounds, defaults, descriptions,
// nested groups; and the values it builds validate against that same schema.
import { describe, expect, it } from "vitest";
import { getModeSchema, MODE_IDS } from "@/server/engine/config/modes";
import { defaultValuesOf, labelOf, paramGroupsOf, paramsFromValues } from "./param-fields";

describe("param fields from the mode schema", () => {
  const groups = paramGroupsOf(getModeSchema("btc_basis"));

  it("lists every field with its bounds, default and description", () => {
    const top = groups.find((g) => g.key === "");
    const target = top?.fields.find((f) => f.key === "marginRatioTarget");
    expect(target).toMatchObject({ label: "Margin ratio target", kind: "number", min: 0.25, max: 3, defaultValue: 0.8 });
    expect(target?.description).toMatch(/USDT margin per venue/);
    expect(top?.fields.find((f) => f.key === "maxStaleHours")).toMatchObject({ kind: "integer", min: 1, max: 168, defaultValue: 24 });
    expect(top?.fields.find((f) => f.key === "costs")).toMatchObject({ kind: "boolean", defaultValue: true });
    expect(top?.fields.find((f) => f.key === "fundingFilter")).toMatchObject({ kind: "enum", options: ["off", "trailing"] });
    const hedge = groups.find((g) => g.key === "hedgeAllocation");
    expect(hedge?.fields.map((f) => f.key)).toEqual(["hedgeAllocation.binance", "hedgeAllocation.bybit", "hedgeAllocation.okx"]);
    expect(hedge?.fields.map((f) => f.label)).toEqual(["Binance", "Bybit", "OKX"]);
  });

  it("builds params from form values that the schema accepts, defaults included", () => {
    const values = defaultValuesOf(groups);
    const params = paramsFromValues(groups, values);
    expect(params).toMatchObject({ marginRatioTarget: 0.8, costs: true, hedgeAllocation: { binance: 0.4, bybit: 0.3, okx: 0.3 } });
    expect(getModeSchema("btc_basis").safeParse(params).success).toBe(true);
    const bad = paramsFromValues(groups, { ...values, "hedgeAllocation.binance": "0.9" });
    const r = getModeSchema("btc_basis").safeParse(bad);
    expect(r.success).toBe(false);
  });

  it.each(MODE_IDS)("%s: the form's defaults are parameters the mode accepts", (mode) => {
    const g = paramGroupsOf(getModeSchema(mode));
    expect(g.flatMap((x) => x.fields).length).toBeGreaterThan(0);
    expect(getModeSchema(mode).safeParse(paramsFromValues(g, defaultValuesOf(g))).success).toBe(true);
  });

  it("lending modes have no hedge group", () => {
    expect(paramGroupsOf(getModeSchema("pure_lending_usdt")).map((g) => g.key)).toEqual([""]);
  });

  it("labels camelCase keys as sentences", () => {
    expect(labelOf("positionDeviationThreshold")).toBe("Position deviation threshold");
  });
});
