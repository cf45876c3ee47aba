// Parser for the hourly Ethereum gas-price CSV (Alchemy eth_feeHistory samples, CRLF).

import { z } from "zod";
import { SERIES_FIELDS } from "../series";
import { createRawRows, pushRow, validateRow, type RawRows } from "./raw-rows";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";
import { nonNegative, positive, timeMsSchema } from "./row-schemas";
import { parseUtcTimestamp } from "./parse-timestamp";

export const gasRowSchema = z.object({
  time: timeMsSchema,
  blockTime: timeMsSchema,
  gasPriceGwei: positive,
  baseFeeGwei: nonNegative,
  priorityFeeP25Gwei: nonNegative,
  priorityFeeP50Gwei: nonNegative,
  priorityFeeP75Gwei: nonNegative,
});

/** Rows keyed by the hour label `timestamp` (the sampled block's own time is validated, not used). */
export function parseGasCsv(text: string, file: string): RawRows {
  const table = readCsvText(text, file);
  const c = requireColumns(table, ["timestamp", "block_timestamp", "gas_price_gwei", "base_fee_gwei", "priority_fee_p25_gwei", "priority_fee_p50_gwei", "priority_fee_p75_gwei"]);
  const rows = createRawRows(file, SERIES_FIELDS.gas);
  for (let i = 0; i < table.lines.length; i++) {
    const line = table.lines[i] as string;
    const cells = splitCsvLine(line);
    const r = validateRow(
      gasRowSchema,
      {
        time: parseUtcTimestamp(cells[c.timestamp] ?? ""),
        blockTime: parseUtcTimestamp(cells[c.block_timestamp] ?? ""),
        gasPriceGwei: numberCell(cells, c.gas_price_gwei),
        baseFeeGwei: numberCell(cells, c.base_fee_gwei),
        priorityFeeP25Gwei: numberCell(cells, c.priority_fee_p25_gwei),
        priorityFeeP50Gwei: numberCell(cells, c.priority_fee_p50_gwei),
        priorityFeeP75Gwei: numberCell(cells, c.priority_fee_p75_gwei),
      },
      table,
      i,
    );
    pushRow(rows, r.time, [r.gasPriceGwei, r.baseFeeGwei, r.priorityFeeP25Gwei, r.priorityFeeP50Gwei, r.priorityFeeP75Gwei], line);
  }
  return rows;
}
