// Parser for the peg-analysis CSVs: the only hourly DEX LST/ETH market rates (`market_rate`).

import { z } from "zod";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { positive, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

export const pegRowSchema = z.object({ time: timeMsSchema, marketRate: positive, protocolRate: positive });

/** Rows with field `ethPerToken` = DEX market rate (ETH per LST); the protocol rate is validated only. */
export function parsePegAnalysisCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["timestamp", "protocol_rate", "market_rate"]);
  const rows = createRawRows(file, ["ethPerToken"]);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(
      pegRowSchema,
      { time: parseUtcTimestamp(cells[c.timestamp] ?? ""), marketRate: numberCell(cells, c.market_rate), protocolRate: numberCell(cells, c.protocol_rate) },
      table,
      i,
    );
    pushRow(rows, r.time, [r.marketRate], line);
  }
  return rows;
}
