// Typed errors of the raw-file importer: every message names the file (and line) at fault.

/** A file could not be imported: bad header, a row failing validation, unresolvable conflict. */
export class DataImportError extends Error {
  override readonly name = "DataImportError";
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${message}`);
  }
}

/** The directory handed to loadDirectory is missing, not a directory, or holds no known data file. */
export class DataDirectoryError extends Error {
  override readonly name = "DataDirectoryError";
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(`${dir}: ${message}`);
  }
}
