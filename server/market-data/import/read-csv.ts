// Splits raw CSV text into a header and rows of cells, absorbing the files' byte-level quirks:
// UTF-8 BOM, CRLF line endings, `#` comment lines before the header, no final newline, quoted cells.

import { DataImportError } from "./import-errors";

export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  /** Data rows as raw line text (CR stripped), for exact-duplicate detection. */
  readonly lines: readonly string[];
  /** 1-based line number in the file of each data row, for error messages. */
  readonly lineNumbers: readonly number[];
  /** `#` comment lines seen before the header. */
  readonly commentLines: number;
}

/** Splits one CSV line into cells; handles `"…"` cells with commas and doubled quotes inside. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const cells: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuotes = false;
      } else cur += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ",") {
      cells.push(cur);
      cur = "";
    } else cur += c;
  }
  cells.push(cur);
  return cells;
}

/** Reads CSV text: strips the BOM and CRs, skips `#` comment lines and blank lines. */
export function readCsvText(text: string, file: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = body.split("\n");
  let header: string[] | null = null;
  let commentLines = 0;
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i] as string;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.length === 0) continue;
    if (header === null) {
      if (line.startsWith("#")) {
        commentLines++;
        continue;
      }
      header = splitCsvLine(line).map((h) => h.trim());
      continue;
    }
    lines.push(line);
    lineNumbers.push(i + 1);
  }
  if (header === null) throw new DataImportError(file, "no header line");
  return { file, header, lines, lineNumbers, commentLines };
}

/** Column index of each required column; throws naming the file and the missing columns. */
export function requireColumns<const K extends string>(table: CsvTable, names: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  const missing: string[] = [];
  for (const n of names) {
    const idx = table.header.indexOf(n);
    if (idx < 0) missing.push(n);
    out[n] = idx;
  }
  if (missing.length > 0) throw new DataImportError(table.file, `missing column(s) ${missing.join(", ")} (header: ${table.header.join(",")})`);
  return out;
}

/** A cell as a float64: empty or non-numeric cells become NaN (which the zod row schemas reject). */
export function numberCell(cells: readonly string[], idx: number): number {
  const s = cells[idx];
  if (s === undefined || s.length === 0) return Number.NaN;
  return Number(s);
}
