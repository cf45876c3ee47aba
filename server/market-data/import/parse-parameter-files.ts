// Parsers for the static parameter files (JSON tables and the transposed AAVE parameters CSV) and
// the execution-cost lookup (→ daily `costs:<PAIR>` series).

import { z } from "zod";
import { DataImportError } from "./import-errors";
import { createRawRows, pushRow, type RawRows } from "./raw-rows";
import { readCsvText, splitCsvLine } from "./read-csv";
import { parseUtcTimestamp } from "./parse-timestamp";

function parseJson<S extends z.ZodType>(schema: S, text: string, file: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DataImportError(file, `invalid JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new DataImportError(file, `unexpected structure at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`);
  }
  return r.data;
}

const COST_BUCKETS = { "10k": "bps10k", "100k": "bps100k", "1m": "bps1m" } as const;
export const executionCostsLookupSchema = z.record(
  z.string(),
  z.object({ "10k": z.record(z.string(), z.number().nonnegative()), "100k": z.record(z.string(), z.number().nonnegative()), "1m": z.record(z.string(), z.number().nonnegative()) }),
);

/** `execution_costs_lookup.json` → one daily RawRows per pair, fields bps10k / bps100k / bps1m. */
export function parseExecutionCostsLookup(text: string, file: string): Map<string, RawRows> {
  const table = parseJson(executionCostsLookupSchema, text, file);
  const out = new Map<string, RawRows>();
  for (const [pair, buckets] of Object.entries(table)) {
    const rows = createRawRows(file, Object.values(COST_BUCKETS));
    const dates = Object.keys(buckets["10k"]).sort();
    for (const date of dates) {
      const t = parseUtcTimestamp(date);
      const v = [buckets["10k"][date], buckets["100k"][date], buckets["1m"][date]];
      if (Number.isNaN(t) || v.some((x) => x === undefined)) throw new DataImportError(file, `${pair}: bad or incomplete date key ${date}`);
      pushRow(rows, t, v as number[], `${pair} ${date} ${v.join(",")}`);
    }
    out.set(pair, rows);
  }
  return out;
}

export const marginRequirementsSchema = z.object({
  initial_margin_requirement: z.number(),
  maintenance_margin_requirement: z.number(),
  liquidation_threshold: z.number(),
  max_leverage: z.number(),
  margin_call_threshold: z.number(),
  funding_rate_interval_hours: z.number(),
  position_size_limits: z.object({ max_position_usdt: z.number(), min_position_usdt: z.number() }),
});
export type MarginRequirements = z.infer<typeof marginRequirementsSchema>;
export function parseMarginRequirementsJson(text: string, file: string): MarginRequirements {
  return parseJson(marginRequirementsSchema, text, file);
}

const perPair = z.record(z.string(), z.number());
export const aaveRiskParametersSchema = z.object({
  emode: z.object({ ltv_limits: perPair, liquidation_thresholds: perPair, liquidation_bonus: perPair }),
  standard: z.object({ ltv_limits: perPair, liquidation_thresholds: perPair, liquidation_bonus: perPair }),
  reserve_factors: perPair,
});
export type AaveRiskParameters = z.infer<typeof aaveRiskParametersSchema>;
export function parseAaveRiskParametersJson(text: string, file: string): AaveRiskParameters {
  return parseJson(aaveRiskParametersSchema, text, file);
}

export const gasOperationsSummarySchema = z.object({
  operation_costs: z.record(z.string(), z.looseObject({ gas_units: z.number().int().positive() })),
});
/** Gas units the source pipeline assumes per operation (assumptions, not measurements). */
export function parseGasOperationsSummaryJson(text: string, file: string): Record<string, number> {
  const parsed = parseJson(gasOperationsSummarySchema, text, file);
  return Object.fromEntries(Object.entries(parsed.operation_costs).map(([op, v]) => [op, v.gas_units]));
}

export const executionCostSummarySchema = z.looseObject({
  size_buckets: z.array(z.number().positive()),
  cost_ranges: z.record(z.string(), z.object({ base_cost_bps: z.number(), max_cost_bps: z.number(), venue: z.string() })),
});
export type ExecutionCostSummary = z.infer<typeof executionCostSummarySchema>;
export function parseExecutionCostSummaryJson(text: string, file: string): ExecutionCostSummary {
  return parseJson(executionCostSummarySchema, text, file);
}

export type AaveParamValue = number | boolean | null;
const paramCell = z.union([z.number(), z.boolean(), z.null()]);

/** "80.50%" → 0.805; "0.0032B" → 3_200_000 (also K, M); TRUE/FALSE → boolean; "N/A" → null. NaN fails validation. */
export function parseAaveParamCell(raw: string): AaveParamValue | typeof Number.NaN {
  const s = raw.trim();
  if (s === "TRUE") return true;
  if (s === "FALSE") return false;
  if (s === "N/A" || s === "") return null;
  if (s.endsWith("%")) return Number(s.slice(0, -1)) / 100;
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[s.slice(-1)];
  if (scale !== undefined) return Number(s.slice(0, -1)) * scale;
  return Number(s);
}

/** The transposed AAVE market parameters export → asset → parameter name → value. */
export function parseAaveMarketParametersCsv(text: string, file: string): Record<string, Record<string, AaveParamValue>> {
  const table = readCsvText(text, file);
  const assets = table.header.slice(1);
  if (assets.length === 0 || table.header[0] !== "") throw new DataImportError(file, "expected a transposed table: empty first header cell, then asset columns");
  const out: Record<string, Record<string, AaveParamValue>> = Object.fromEntries(assets.map((a) => [a, {}]));
  table.lines.forEach((line, i) => {
    const cells = splitCsvLine(line);
    const param = cells[0] ?? "";
    assets.forEach((asset, k) => {
      const r = paramCell.safeParse(parseAaveParamCell(cells[k + 1] ?? ""));
      if (!r.success || Number.isNaN(r.data)) throw new DataImportError(file, `${param} of ${asset}: unreadable value "${cells[k + 1] ?? ""}"`, table.lineNumbers[i]);
      (out[asset] as Record<string, AaveParamValue>)[param] = r.data;
    });
  });
  return out;
}
