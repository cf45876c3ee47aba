// Tests for the CSV splitter's handling of BOM, CRLF, comments, quoted cells and missing final newline.

import { describe, expect, it } from "vitest";
import { DataImportError } from "./import-errors";
import { numberCell, readCsvText, requireColumns, splitCsvLine } from "./read-csv";

describe("readCsvText", () => {
  it("strips BOM and CR, skips comment and blank lines, reads a last line without newline", () => {
    const t = readCsvText("\ufeff# a comment\r\n# another\r\na,b\r\n1,2\r\n\r\n3,4", "x.csv");
    expect(t.header).toEqual(["a", "b"]);
    expect(t.lines).toEqual(["1,2", "3,4"]);
    expect(t.lineNumbers).toEqual([4, 6]);
    expect(t.commentLines).toBe(2);
  });

  it("throws naming the file when there is no header", () => {
    expect(() => readCsvText("# only a comment\n", "empty.csv")).toThrow(DataImportError);
    expect(() => readCsvText("", "empty.csv")).toThrow(/empty\.csv/);
  });

  it("names missing columns", () => {
    const t = readCsvText("a,b\n1,2\n", "f.csv");
    expect(() => requireColumns(t, ["a", "c"])).toThrow(/f\.csv: missing column\(s\) c/);
    expect(requireColumns(t, ["b", "a"])).toEqual({ b: 1, a: 0 });
  });
});

describe("splitCsvLine", () => {
  it("keeps commas and non-ASCII inside quotes, unescapes doubled quotes", () => {
    expect(splitCsvLine('1,"~5–15","a, ""b""",x')).toEqual(["1", "~5–15", 'a, "b"', "x"]);
  });
  it("numberCell: empty → NaN, exponent notation", () => {
    expect(numberCell(["", "1.304e-05"], 0)).toBeNaN();
    expect(numberCell(["", "1.304e-05"], 1)).toBe(1.304e-5);
  });
});
