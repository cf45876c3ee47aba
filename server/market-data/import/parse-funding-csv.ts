// Parser for the funding-rate CSVs (funding_timestamp, funding_rate, symbol, source).

import { z } from "zod";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { finite, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

export const fundingRowSchema = z.object({ time: timeMsSchema, rate: finite });

/** Rows of one funding file: time = settlement, rate = fraction of notional per funding interval. */
export function parseFundingCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["funding_timestamp", "funding_rate"]);
  const rows = createRawRows(file, ["rate"]);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(fundingRowSchema, { time: parseUtcTimestamp(cells[c.funding_timestamp] ?? ""), rate: numberCell(cells, c.funding_rate) }, table, i);
    pushRow(rows, r.time, [r.rate], line);
  }
  return rows;
}
