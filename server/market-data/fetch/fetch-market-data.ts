// Downloads one venue series (spot/perp klines or funding) into a directory as a canonical raw file,
// resumably: the cursor is checkpointed after every page, so an interrupted run continues.
import ccxt from "ccxt";
import path from "node:path";
import { z } from "zod";
import { canonicalFileName, formatCanonicalCsv } from "./canonical-files";
import { createVenuePageSource, type VenueConnection } from "./create-venue-exchange";
import type { FetchRequest, PageSource } from "./fetch-types";
import { clearCheckpoint, runPagedDownload, writeAtomic, type DownloadEvents, type PagedDownload, type RetryPolicy } from "./run-paged-download";

export interface FetchOptions extends VenueConnection {
  /** output directory: the final CSV, and the checkpoint while the download runs */
  outDir: string;
  pageLimit?: number;
  retry?: Partial<RetryPolicy>;
  events?: DownloadEvents;
}

export interface FetchResult {
  /** the written file, or null when the venue had no rows in the window (nothing written) */
  file: string | null;
  rows: number;
  pages: number;
  resumed: boolean;
  retries: number;
  firstTime: number | null;
  lastTime: number | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Transient: network errors, error pages, 429 / DDoS protection, timeouts (all ccxt NetworkError). */
export function isRetryableCcxtError(err: unknown): boolean {
  return err instanceof ccxt.NetworkError;
}

export function defaultRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { maxRetries: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, isRetryable: isRetryableCcxtError, sleep, ...overrides };
}

/** Adapts a venue page source (numeric time cursors) to the generic resumable loop. */
export function toPagedDownload(key: string, source: PageSource, fromMs: number, toMs: number): PagedDownload<number> {
  const span = toMs - fromMs;
  return {
    key,
    width: source.fields.length,
    cursorSchema: z.number().int(),
    initialCursor: source.direction === "forward" ? fromMs : toMs - 1,
    async fetchPage(cursor) {
      const raw = await source.fetchPage(cursor);
      if (source.direction === "forward") {
        const rows = raw.filter((r) => r.time >= cursor && r.time >= fromMs && r.time < toMs);
        // an empty page means the venue has nothing after the cursor
        if (rows.length === 0) return { rows, next: null, progress: 1 };
        const next = Math.max(...rows.map((r) => r.time)) + 1;
        return { rows, next: next < toMs ? next : null, progress: (next - fromMs) / span };
      }
      const rows = raw.filter((r) => r.time <= cursor && r.time >= fromMs && r.time < toMs);
      if (rows.length === 0) return { rows, next: null, progress: 1 };
      const next = Math.min(...rows.map((r) => r.time)) - 1;
      return { rows, next: next >= fromMs ? next : null, progress: (toMs - 1 - next) / span };
    },
  };
}

export function downloadKey(req: FetchRequest): string {
  return `${req.venue}_${req.symbol}_${req.kind}_${req.fromMs}_${req.toMs}`;
}

export async function fetchMarketData(req: FetchRequest, opts: FetchOptions): Promise<FetchResult> {
  const source = createVenuePageSource(req.venue, { symbol: req.symbol, kind: req.kind, fromMs: req.fromMs, toMs: req.toMs, pageLimit: opts.pageLimit }, opts);
  const key = downloadKey(req);
  const result = await runPagedDownload(opts.outDir, toPagedDownload(key, source, req.fromMs, req.toMs), defaultRetryPolicy(opts.retry), opts.events);
  let file: string | null = null;
  // a header-only file would make the importer refuse the whole directory
  if (result.rows.length > 0) {
    file = path.join(opts.outDir, canonicalFileName(req.venue, req.symbol, req.kind, req.fromMs, req.toMs));
    await writeAtomic(file, formatCanonicalCsv(req.venue, req.symbol, req.kind, result.rows));
  }
  await clearCheckpoint(opts.outDir, key);
  return {
    file,
    rows: result.rows.length,
    pages: result.pages,
    resumed: result.resumed,
    retries: result.retries,
    firstTime: result.rows[0]?.time ?? null,
    lastTime: result.rows.at(-1)?.time ?? null,
  };
}
