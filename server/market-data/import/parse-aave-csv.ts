// Parsers for the AAVE v3 reserve CSVs: daily aavescan snapshots and the derived hourly files.

import { z } from "zod";
import { SERIES_FIELDS } from "../series";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { nonNegative, positive, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

export const aaveRowSchema = z.object({
  time: timeMsSchema,
  liquidityIndex: positive,
  variableBorrowIndex: positive,
  supplyApr: nonNegative,
  borrowApr: nonNegative,
  oraclePriceUsd: positive,
});

const AAVE_FIELDS = SERIES_FIELDS.aave;

function pushAave(rows: RawRows, r: z.infer<typeof aaveRowSchema>, line: string): void {
  pushRow(rows, r.time, [r.liquidityIndex, r.variableBorrowIndex, r.supplyApr, r.borrowApr, r.oraclePriceUsd], line);
}

/**
 * Daily aavescan export: time from `targetDate` (ISO-Z), cross-checked against the epoch-seconds
 * `timestamp` column; indexes normalised (ray ÷ 1e27); rates APR fractions; `price` in USD.
 */
export function parseAaveDailyCsv(text: string, file: string): { rows: RawRows; symbol: string } {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["targetDate", "timestamp", "symbol", "liquidityIndex", "currentLiquidityRate", "variableBorrowIndex", "currentVariableBorrowRate", "price"]);
  const rows = createRawRows(file, AAVE_FIELDS);
  let symbol = "";
  const schema = aaveRowSchema.extend({ epochMs: timeMsSchema }).refine((r) => r.epochMs === r.time, { message: "targetDate and timestamp disagree" });
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    symbol ||= cells[c.symbol] ?? "";
    const r = validateRow(
      schema,
      {
        time: parseUtcTimestamp(cells[c.targetDate] ?? ""),
        epochMs: parseUtcTimestamp(cells[c.timestamp] ?? ""),
        liquidityIndex: numberCell(cells, c.liquidityIndex),
        variableBorrowIndex: numberCell(cells, c.variableBorrowIndex),
        supplyApr: numberCell(cells, c.currentLiquidityRate),
        borrowApr: numberCell(cells, c.currentVariableBorrowRate),
        oraclePriceUsd: numberCell(cells, c.price),
      },
      table,
      i,
    );
    pushAave(rows, r, line);
  }
  return { rows, symbol };
}

/** Derived hourly file (space-offset timestamps): interpolated indexes, step-function rates. */
export function parseAaveHourlyCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["timestamp", "liquidityIndex", "variableBorrowIndex", "currentLiquidityRate", "currentVariableBorrowRate", "oracle_price_usd"]);
  const rows = createRawRows(file, AAVE_FIELDS);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(
      aaveRowSchema,
      {
        time: parseUtcTimestamp(cells[c.timestamp] ?? ""),
        liquidityIndex: numberCell(cells, c.liquidityIndex),
        variableBorrowIndex: numberCell(cells, c.variableBorrowIndex),
        supplyApr: numberCell(cells, c.currentLiquidityRate),
        borrowApr: numberCell(cells, c.currentVariableBorrowRate),
        oraclePriceUsd: numberCell(cells, c.oracle_price_usd),
      },
      table,
      i,
    );
    pushAave(rows, r, line);
  }
  return rows;
}
