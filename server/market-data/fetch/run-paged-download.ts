// The resumable page loop every downloader shares: fetch a page, append its rows to a partial file,
// save the cursor in a checkpoint file next to it, retry transient failures with exponential backoff,
// report progress; at the end, sort and de-duplicate the rows and hand them to the final writer.
import { appendFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { CanonicalRow } from "./fetch-types";

export interface DownloadPage<C> {
  rows: CanonicalRow[];
  /** cursor of the next page, or null when this was the last one */
  next: C | null;
  /** fraction of the window covered after this page, 0…1 */
  progress: number;
}

export interface PagedDownload<C> {
  /** identifies the download; a checkpoint with another key is refused rather than mixed in */
  key: string;
  /** number of values per row */
  width: number;
  cursorSchema: z.ZodType<C>;
  initialCursor: C;
  fetchPage(cursor: C): Promise<DownloadPage<C>>;
}

export interface RetryPolicy {
  /** retries per page before giving up (the checkpoint stays, so a rerun resumes) */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  isRetryable(err: unknown): boolean;
  /** injectable so tests do not wait; resolves after ms */
  sleep(ms: number): Promise<void>;
}

export interface DownloadEvents {
  onPage?(info: { pages: number; rows: number; progress: number }): void;
  onRetry?(info: { attempt: number; delayMs: number; error: unknown }): void;
  onResume?(info: { pages: number; rows: number }): void;
}

export interface DownloadResult {
  rows: CanonicalRow[];
  pages: number;
  resumed: boolean;
  retries: number;
}

/** Thrown when a page keeps failing; the checkpoint is kept so rerunning resumes at that page. */
export class DownloadFailedError extends Error {
  constructor(
    message: string,
    readonly pagesDone: number,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = "DownloadFailedError";
  }
}

const checkpointSchema = z.object({
  format: z.literal(1),
  key: z.string(),
  cursor: z.unknown(),
  pages: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  updatedAt: z.string(),
});

export function checkpointPaths(dir: string, key: string): { checkpoint: string; partial: string } {
  // dot-files: the importer skips them, so a directory mid-download still imports cleanly
  return { checkpoint: path.join(dir, `.fetch-${key}.checkpoint.json`), partial: path.join(dir, `.fetch-${key}.partial.csv`) };
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

function parsePartial(text: string, width: number, file: string): CanonicalRow[] {
  const rows: CanonicalRow[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const cells = line.split(",").map(Number);
    // a torn last line (crash mid-append) is dropped: its page is refetched after the checkpoint
    if (cells.length !== width + 1 || cells.some((c) => !Number.isFinite(c))) {
      if (line === text.trimEnd().split("\n").at(-1)) continue;
      throw new Error(`${file}: corrupt partial row: ${line}`);
    }
    rows.push({ time: cells[0] as number, values: cells.slice(1) });
  }
  return rows;
}

/** Sorts by time and keeps one row per time (the last fetched), so a refetched page adds nothing. */
export function sortUniqueRows(rows: readonly CanonicalRow[]): CanonicalRow[] {
  const byTime = new Map<number, CanonicalRow>();
  for (const r of rows) byTime.set(r.time, r);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

async function fetchWithRetry<C>(dl: PagedDownload<C>, cursor: C, policy: RetryPolicy, events: DownloadEvents, pagesDone: number): Promise<{ page: DownloadPage<C>; retries: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { page: await dl.fetchPage(cursor), retries: attempt };
    } catch (err) {
      if (!policy.isRetryable(err) || attempt >= policy.maxRetries) {
        const why = err instanceof Error ? err.message : String(err);
        throw new DownloadFailedError(
          `${why}${attempt > 0 ? ` (after ${attempt} retries)` : ""}; ${pagesDone} page(s) saved, rerun the same command to resume`,
          pagesDone,
          err,
        );
      }
      const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      events.onRetry?.({ attempt: attempt + 1, delayMs, error: err });
      await policy.sleep(delayMs);
    }
  }
}

/**
 * Runs (or resumes) a paged download into `dir`. Returns every row (sorted, unique by time) and
 * removes the checkpoint and partial files; the caller writes the final file.
 */
export async function runPagedDownload<C>(dir: string, dl: PagedDownload<C>, policy: RetryPolicy, events: DownloadEvents = {}): Promise<DownloadResult> {
  await mkdir(dir, { recursive: true });
  const files = checkpointPaths(dir, dl.key);
  let cursor: C | null = dl.initialCursor;
  let pages = 0;
  let rowCount = 0;
  let resumed = false;
  if (existsSync(files.checkpoint)) {
    const cp = checkpointSchema.parse(JSON.parse(await readFile(files.checkpoint, "utf8")));
    if (cp.key !== dl.key) throw new Error(`${files.checkpoint} belongs to another download (${cp.key})`);
    cursor = cp.cursor === null ? null : dl.cursorSchema.parse(cp.cursor);
    pages = cp.pages;
    rowCount = cp.rows;
    resumed = true;
    events.onResume?.({ pages, rows: rowCount });
  } else {
    await writeFile(files.partial, "");
  }

  let retries = 0;
  while (cursor !== null) {
    const { page, retries: r } = await fetchWithRetry(dl, cursor, policy, events, pages);
    retries += r;
    if (page.rows.length > 0) await appendFile(files.partial, page.rows.map((row) => `${row.time},${row.values.join(",")}\n`).join(""));
    pages += 1;
    rowCount += page.rows.length;
    cursor = page.next;
    // checkpoint after the rows are on disk: a crash in between refetches a page, never skips one
    await writeAtomic(files.checkpoint, JSON.stringify({ format: 1, key: dl.key, cursor, pages, rows: rowCount, updatedAt: new Date().toISOString() }));
    events.onPage?.({ pages, rows: rowCount, progress: cursor === null ? 1 : page.progress });
  }

  const partialText = existsSync(files.partial) ? await readFile(files.partial, "utf8") : "";
  const rows = sortUniqueRows(parsePartial(partialText, dl.width, files.partial));
  return {
    rows,
    pages,
    resumed,
    retries,
  };
}

/** Removes the checkpoint and partial file once the final file is written. */
export async function clearCheckpoint(dir: string, key: string): Promise<void> {
  const files = checkpointPaths(dir, key);
  await rm(files.partial, { force: true });
  await rm(files.checkpoint, { force: true });
}

export { writeAtomic };
