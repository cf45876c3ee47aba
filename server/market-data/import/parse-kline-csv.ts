// Parser for CEX kline/candle CSVs (Binance, Bybit, OKX; spot and perp; 1h and 1m).

import { z } from "zod";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { nonNegative, positive, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

export const KLINE_FIELDS = ["open", "high", "low", "close", "volume"] as const;

export const klineRowSchema = z.object({
  time: timeMsSchema,
  open: positive,
  high: positive,
  low: positive,
  close: positive,
  volume: nonNegative,
});

/** Rows of one kline file: time = bar open (UTC), prices in quote currency, volume as written. */
export function parseKlineCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["timestamp", "open", "high", "low", "close", "volume"]);
  const rows = createRawRows(file, KLINE_FIELDS);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(
      klineRowSchema,
      {
        time: parseUtcTimestamp(cells[c.timestamp] ?? ""),
        open: numberCell(cells, c.open),
        high: numberCell(cells, c.high),
        low: numberCell(cells, c.low),
        close: numberCell(cells, c.close),
        volume: numberCell(cells, c.volume),
      },
      table,
      i,
    );
    pushRow(rows, r.time, [r.open, r.high, r.low, r.close, r.volume], line);
  }
  return rows;
}
