// Parsers for yield CSVs: DeFiLlama pool-chart exports (percent APY) and the processed Ethena files.

import { z } from "zod";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { finite, numberOrEmpty, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

/** Daily-compounding APY → APR, as the source pipeline converts: 365 × ((1 + apy)^(1/365) − 1). */
export function aprFromApy(apy: number): number {
  return 365 * (Math.pow(1 + apy, 1 / 365) - 1);
}

export const defillamaRowSchema = z.object({ time: timeMsSchema, date: timeMsSchema, basePercent: finite, rewardPercent: numberOrEmpty });

/**
 * DeFiLlama chart export (`Timestamp` epoch s, `Date`, `Base`, `Reward`, both APY in **percent**).
 * Fields: apy (fraction), apr (daily-compounding equivalent), rewardApy (fraction; NaN when empty —
 * fillEmptyRewardWithZero repairs that).
 */
export function parseDefillamaChartCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["Timestamp", "Date", "Base", "Reward"]);
  const schema = defillamaRowSchema.refine((r) => r.time === r.date, { message: "Timestamp and Date disagree" });
  const rows = createRawRows(file, ["apr", "apy", "rewardApy"]);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(
      schema,
      { time: parseUtcTimestamp(cells[c.Timestamp] ?? ""), date: parseUtcTimestamp(cells[c.Date] ?? ""), basePercent: numberCell(cells, c.Base), rewardPercent: numberCell(cells, c.Reward) },
      table,
      i,
    );
    const apy = r.basePercent / 100;
    pushRow(rows, r.time, [aprFromApy(apy), apy, r.rewardPercent / 100], line);
  }
  return rows;
}

export const ethenaRowSchema = z.object({ time: timeMsSchema, apy: finite, apr: finite });

/**
 * Processed Ethena sUSDe benchmark, daily (`date`) or hourly (naive `timestamp`, UTC intended):
 * fields apr, apy (fractions), rewardApy 0.
 */
export function parseEthenaBenchmarkCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["apy_decimal", "apr_decimal"]);
  const tIdx = table.header.includes("timestamp") ? table.header.indexOf("timestamp") : requireColumns(table, ["date"]).date;
  const rows = createRawRows(file, ["apr", "apy", "rewardApy"]);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(ethenaRowSchema, { time: parseUtcTimestamp(cells[tIdx] ?? ""), apy: numberCell(cells, c.apy_decimal), apr: numberCell(cells, c.apr_decimal) }, table, i);
    pushRow(rows, r.time, [r.apr, r.apy, 0], line);
  }
  return rows;
}
