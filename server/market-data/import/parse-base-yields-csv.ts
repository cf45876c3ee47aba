// Parser for the derived staking base-yield CSVs (`+00:00Z` timestamps); the wstETH one is refused upstream.

import { z } from "zod";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { finite, positive, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

export const baseYieldRowSchema = z.object({ time: timeMsSchema, dailyYield: finite, priceStartEth: positive, priceEndEth: positive });

/** Rows: day (from the offset-and-Z `timestamp`), daily growth fraction, and the ratio at day start/end. */
export function parseBaseYieldsCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["timestamp", "daily_yield", "price_start_eth", "price_end_eth"]);
  const rows = createRawRows(file, ["dailyYield", "priceStartEth", "priceEndEth"]);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(
      baseYieldRowSchema,
      {
        time: parseUtcTimestamp(cells[c.timestamp] ?? ""),
        dailyYield: numberCell(cells, c.daily_yield),
        priceStartEth: numberCell(cells, c.price_start_eth),
        priceEndEth: numberCell(cells, c.price_end_eth),
      },
      table,
      i,
    );
    pushRow(rows, r.time, [r.dailyYield, r.priceStartEth, r.priceEndEth], line);
  }
  return rows;
}
