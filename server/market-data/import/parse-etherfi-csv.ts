// Parsers for the ether.fi reward files: the derived per-period reward table (→ daily series) and
// the three raw manual tables (validated records, no series).

import { z } from "zod";
import { DataImportError } from "./import-errors";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { nonNegative, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

const DAY_MS = 86_400_000;

export const rewardPeriodSchema = z
  .object({ start: timeMsSchema, end: timeMsSchema, dailyYield: nonNegative, rewardType: z.string().min(1) })
  .refine((r) => r.end >= r.start, { message: "period_end before period_start" });
export type RewardPeriod = z.infer<typeof rewardPeriodSchema>;

/** Validated periods of `etherfi_seasonal_rewards_*.csv`, in file order (grouped by type, unsorted). */
export function parseEtherfiRewardPeriodsCsv(text: string, file: string): RewardPeriod[] {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["period_start", "period_end", "reward_type", "daily_yield_final"]);
  const out: RewardPeriod[] = [];
  for (let i = 0; i < table.lines.length; i++) {
    const cells = splitCsvLine(table.lines[i] as string);
    out.push(
      validateRow(
        rewardPeriodSchema,
        {
          start: parseUtcTimestamp(cells[c.period_start] ?? ""),
          end: parseUtcTimestamp(cells[c.period_end] ?? ""),
          dailyYield: numberCell(cells, c.daily_yield_final),
          rewardType: cells[c.reward_type] ?? "",
        },
        table,
        i,
      ),
    );
  }
  return out;
}

/**
 * Expands reward periods onto a daily UTC grid: dailyYield(day) = sum of `daily_yield_final` of every
 * period covering that day (start … end, both inclusive); days without a period get 0. Overlapping
 * reward types (EIGEN weekly + ETHFI top-ups + seasonal estimates) therefore add up.
 */
export function expandRewardPeriodsToDays(periods: readonly RewardPeriod[], file: string): RawRows {
  const rows = createRawRows(file, ["dailyYield"]);
  if (periods.length === 0) return rows;
  const first = Math.min(...periods.map((p) => p.start));
  const last = Math.max(...periods.map((p) => p.end));
  const n = Math.round((last - first) / DAY_MS) + 1;
  const sum = new Float64Array(n);
  for (const p of periods) {
    for (let t = p.start; t <= p.end; t += DAY_MS) {
      const k = Math.round((t - first) / DAY_MS);
      sum[k] = (sum[k] as number) + p.dailyYield;
    }
  }
  for (let k = 0; k < n; k++) pushRow(rows, first + k * DAY_MS, [sum[k] as number], `day ${k}`);
  return rows;
}

export const eigenDistributionSchema = z.object({
  start: timeMsSchema,
  end: timeMsSchema,
  eigenEarned: nonNegative,
  ethRestaked: nonNegative,
  ethNotRestaked: nonNegative,
  eigenPerEeth: nonNegative,
});
export type EigenDistribution = z.infer<typeof eigenDistributionSchema>;

/** `eigen_distributions_raw.csv`: EIGEN rewards per staking period (dates inclusive). */
export function parseEigenDistributionsCsv(text: string, file: string): EigenDistribution[] {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["staking_period_start", "staking_period_end", "eigen_earned", "eth_restaked", "eth_not_restaked", "eigen_per_eeth_weekly"]);
  return table.lines.map((line, i) => {
    const cells = splitCsvLine(line);
    return validateRow(
      eigenDistributionSchema,
      {
        start: parseUtcTimestamp(cells[c.staking_period_start] ?? ""),
        end: parseUtcTimestamp(cells[c.staking_period_end] ?? ""),
        eigenEarned: numberCell(cells, c.eigen_earned),
        ethRestaked: numberCell(cells, c.eth_restaked),
        ethNotRestaked: numberCell(cells, c.eth_not_restaked),
        eigenPerEeth: numberCell(cells, c.eigen_per_eeth_weekly),
      },
      table,
      i,
    );
  });
}

export const ethfiTopUpSchema = z.object({ payout: timeMsSchema, start: timeMsSchema, end: timeMsSchema, ethfiAmount: nonNegative, ethfiPerEeth: nonNegative });
export type EthfiTopUp = z.infer<typeof ethfiTopUpSchema>;

/** `ethfi_topups_raw.csv`: ETHFI top-ups, paid as lump sums on `top_up_date`. */
export function parseEthfiTopUpsCsv(text: string, file: string): EthfiTopUp[] {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["top_up_date", "staking_period_start", "staking_period_end", "ethfi_amount", "ethfi_per_eeth_distributed"]);
  return table.lines.map((line, i) => {
    const cells = splitCsvLine(line);
    return validateRow(
      ethfiTopUpSchema,
      {
        payout: parseUtcTimestamp(cells[c.top_up_date] ?? ""),
        start: parseUtcTimestamp(cells[c.staking_period_start] ?? ""),
        end: parseUtcTimestamp(cells[c.staking_period_end] ?? ""),
        ethfiAmount: numberCell(cells, c.ethfi_amount),
        ethfiPerEeth: numberCell(cells, c.ethfi_per_eeth_distributed),
      },
      table,
      i,
    );
  });
}

export const seasonalDropSchema = z.object({
  start: timeMsSchema,
  end: timeMsSchema,
  payout: timeMsSchema,
  event: z.string().min(1),
  rewardToken: z.string().min(1),
  /** A number for exact top-ups; `[low, high]` for estimated ranges such as "~5–15". */
  rewardPerEeth: z.union([z.number(), z.tuple([z.number(), z.number()])]),
  /** Extra yield over the season (not annualised) as fractions, e.g. "~0.2–0.6%" → [0.002, 0.006]. */
  extraYield: z.union([z.number(), z.tuple([z.number(), z.number()])]).nullable(),
});
export type SeasonalDrop = z.infer<typeof seasonalDropSchema>;

/** "~5–15" → [5, 15]; "0.248" → 0.248; percent strings scaled to fractions. NaN parts fail validation. */
export function parseRangeCell(raw: string, percent: boolean): number | [number, number] {
  const scale = percent ? 0.01 : 1;
  const s = raw.replace(/[~%\s]/g, "");
  const parts = s.split(/[–-]/).filter((p) => p.length > 0);
  if (parts.length === 2) return [Number(parts[0]) * scale, Number(parts[1]) * scale];
  return Number(s) * scale;
}

/** `seasonal_drops.csv`: ether.fi seasons (estimates, range strings, non-ASCII quoted cells). */
export function parseSeasonalDropsCsv(text: string, file: string): SeasonalDrop[] {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["start_date", "end_date", "payout_date", "event", "reward_token", "reward_per_eeth", "extra_yield_pct"]);
  return table.lines.map((line, i) => {
    const cells = splitCsvLine(line);
    if (cells.length !== table.header.length) throw new DataImportError(file, `expected ${table.header.length} cells, got ${cells.length}`, table.lineNumbers[i]);
    const extra = cells[c.extra_yield_pct] ?? "";
    return validateRow(
      seasonalDropSchema,
      {
        start: parseUtcTimestamp(cells[c.start_date] ?? ""),
        end: parseUtcTimestamp(cells[c.end_date] ?? ""),
        payout: parseUtcTimestamp(cells[c.payout_date] ?? ""),
        event: cells[c.event] ?? "",
        rewardToken: cells[c.reward_token] ?? "",
        rewardPerEeth: parseRangeCell(cells[c.reward_per_eeth] ?? "", false),
        extraYield: extra.trim() === "" ? null : parseRangeCell(extra, true),
      },
      table,
      i,
    );
  });
}
