// Parser for the AAVE oracle CSVs: `#` comment preamble, epoch or space-offset timestamps, USD or ETH quote.

import { z } from "zod";
import { DataImportError } from "./import-errors";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, splitCsvLine } from "./read-csv";
import { positive, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

export const oracleRowSchema = z.object({ time: timeMsSchema, price: positive });

export interface OracleRows {
  readonly rows: RawRows;
  readonly quote: "USD" | "ETH";
}

/** Rows of one oracle file, field `price` in the file's quote currency (USD or ETH per token). */
export function parseOracleCsv(text: string, file: string): OracleRows {
  const table = readCsvText(text, file);
  const tIdx = table.header.indexOf("timestamp");
  const usd = table.header.indexOf("oracle_price_usd");
  const eth = table.header.indexOf("oracle_price_eth");
  if (tIdx < 0 || (usd < 0 && eth < 0)) throw new DataImportError(file, `not an oracle file (header: ${table.header.join(",")})`);
  const pIdx = usd >= 0 ? usd : eth;
  const rows = createRawRows(file, ["price"]);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(oracleRowSchema, { time: parseUtcTimestamp(cells[tIdx] ?? ""), price: numberCell(cells, pIdx) }, table, i);
    pushRow(rows, r.time, [r.price], line);
  }
  return { rows, quote: usd >= 0 ? "USD" : "ETH" };
}
