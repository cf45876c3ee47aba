// Row buffer shared by the parsers: validated rows in file order, before repairs and columnarisation.

import type { z } from "zod";
import { DataImportError } from "./import-errors";
import type { CsvTable } from "./read-csv";

/** Parsed rows of one series in file order; `values[f][i]` is field f of row i. */
export interface RawRows {
  readonly file: string;
  readonly fieldNames: readonly string[];
  time: number[];
  values: number[][];
  /** Raw source text of each row: equal text at equal time = exact duplicate. */
  lines: string[];
}

export function createRawRows(file: string, fieldNames: readonly string[]): RawRows {
  return { file, fieldNames, time: [], values: fieldNames.map(() => []), lines: [] };
}

export function pushRow(rows: RawRows, time: number, values: readonly number[], line: string): void {
  rows.time.push(time);
  for (let f = 0; f < rows.values.length; f++) (rows.values[f] as number[]).push(values[f] as number);
  rows.lines.push(line);
}

/** Validates one row object with zod; throws a DataImportError naming file, line and problem. */
export function validateRow<S extends z.ZodType>(schema: S, candidate: unknown, table: CsvTable, rowIdx: number): z.infer<S> {
  const r = schema.safeParse(candidate);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new DataImportError(table.file, `invalid row (${where}${issue?.message ?? "invalid"}): ${table.lines[rowIdx] ?? ""}`, table.lineNumbers[rowIdx]);
}

/** Column `name` of the rows (throws if the field is unknown: a programming error). */
export function fieldColumn(rows: RawRows, name: string): number[] {
  const idx = rows.fieldNames.indexOf(name);
  if (idx < 0) throw new Error(`${rows.file}: no field ${name}`);
  return rows.values[idx] as number[];
}
