// AAVE v3 reserve-history fetcher: pages through a configurable JSON endpoint (shape below, checked
// with zod), resumable like the venue downloader, and writes the daily aavescan CSV format the
// importer reads (aave_v3_aave-v3-ethereum_<SYMBOL>_rates_<from>_<to>.csv).
import path from "node:path";
import { z } from "zod";
import { isoUtc } from "./canonical-files";
import type { CanonicalRow } from "./fetch-types";
import { clearCheckpoint, runPagedDownload, writeAtomic, type DownloadEvents, type RetryPolicy } from "./run-paged-download";

/** Integer string scaled by 1e27 (AAVE's "ray"): indexes and per-year rates. */
const ray = z
  .string()
  .regex(/^\d{1,40}$/, "expected a ray integer string")
  .transform((s) => Number(s) / 1e27);
const decimal = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]).transform(Number).pipe(z.number().finite());

/**
 * GET `<endpoint>?symbol=USDT&from=<unix s>&to=<unix s>&limit=<n>[&cursor=<c>]` answers one page of
 * reserve snapshots, oldest first, and the cursor of the next page (null on the last page).
 */
export const aaveReserveHistoryPageSchema = z.object({
  symbol: z.string().min(1),
  reserve: z.string().optional(),
  items: z.array(
    z.object({
      /** snapshot time, unix seconds */
      timestamp: z.number().int().nonnegative(),
      blockNumber: z.number().int().nonnegative(),
      liquidityIndex: ray,
      liquidityRate: ray,
      variableBorrowIndex: ray,
      variableBorrowRate: ray,
      priceUsd: decimal,
    }),
  ),
  nextCursor: z.string().min(1).nullable(),
});
export type AaveReserveHistoryPage = z.input<typeof aaveReserveHistoryPageSchema>;

export interface AaveRatesRequest {
  endpoint: string;
  symbol: string;
  fromMs: number;
  toMs: number;
}

export interface AaveRatesOptions {
  outDir: string;
  pageLimit?: number;
  retry?: Partial<RetryPolicy>;
  events?: DownloadEvents;
}

/** A non-2xx answer; 429 and 5xx (error pages) are worth retrying, other 4xx are not. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    url: string,
    body: string,
  ) {
    super(`HTTP ${status} from ${url}: ${body.replace(/\s+/g, " ").slice(0, 160)}`);
    this.name = "HttpStatusError";
  }
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export function isRetryableHttpError(err: unknown): boolean {
  // fetch() itself throws TypeError on connection failures
  return (err instanceof HttpStatusError && err.retryable) || err instanceof TypeError;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// row values: liquidityIndex, supplyApr, variableBorrowIndex, borrowApr, priceUsd, blockNumber
const WIDTH = 6;

export function aaveFileName(symbol: string, fromMs: number, toMs: number): string {
  const d = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `aave_v3_aave-v3-ethereum_${symbol}_rates_${d(fromMs)}_${d(toMs)}.csv`;
}

export function formatAaveCsv(symbol: string, rows: readonly CanonicalRow[]): string {
  const head = "targetDate,timestamp,blockNumber,symbol,liquidityIndex,currentLiquidityRate,variableBorrowIndex,currentVariableBorrowRate,price\n";
  return (
    head +
    rows
      .map((r) => {
        const [li, sr, bi, br, px, block] = r.values as [number, number, number, number, number, number];
        return `${isoUtc(r.time)},${r.time / 1000},${block},${symbol},${li},${sr},${bi},${br},${px}\n`;
      })
      .join("")
  );
}

export async function fetchAaveRates(req: AaveRatesRequest, opts: AaveRatesOptions): Promise<{ file: string | null; rows: number; pages: number; resumed: boolean; retries: number }> {
  const limit = opts.pageLimit ?? 500;
  const key = `aave_${req.symbol}_${req.fromMs}_${req.toMs}`;
  const span = req.toMs - req.fromMs;
  const policy: RetryPolicy = { maxRetries: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, isRetryable: isRetryableHttpError, sleep, ...opts.retry };
  const result = await runPagedDownload(
    opts.outDir,
    {
      key,
      width: WIDTH,
      // "" = first page (no cursor yet)
      cursorSchema: z.string(),
      initialCursor: "",
      async fetchPage(cursor) {
        const url = new URL(req.endpoint);
        url.searchParams.set("symbol", req.symbol);
        url.searchParams.set("from", String(Math.floor(req.fromMs / 1000)));
        url.searchParams.set("to", String(Math.floor(req.toMs / 1000)));
        url.searchParams.set("limit", String(limit));
        if (cursor !== "") url.searchParams.set("cursor", cursor);
        const res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        if (!res.ok) throw new HttpStatusError(res.status, url.toString(), text);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          // a 200 error page (proxies do this): transient like a 5xx
          throw new HttpStatusError(502, url.toString(), `not JSON: ${text}`);
        }
        const page = aaveReserveHistoryPageSchema.parse(json);
        if (page.symbol !== req.symbol) throw new Error(`${url.toString()}: answered for ${page.symbol}, asked for ${req.symbol}`);
        const rows: CanonicalRow[] = page.items
          .map((it) => ({ time: it.timestamp * 1000, values: [it.liquidityIndex, it.liquidityRate, it.variableBorrowIndex, it.variableBorrowRate, it.priceUsd, it.blockNumber] }))
          .filter((r) => r.time >= req.fromMs && r.time < req.toMs);
        const lastTime = rows.at(-1)?.time;
        return { rows, next: page.items.length === 0 ? null : page.nextCursor, progress: lastTime === undefined ? 1 : (lastTime - req.fromMs) / span };
      },
    },
    policy,
    opts.events,
  );
  let file: string | null = null;
  if (result.rows.length > 0) {
    file = path.join(opts.outDir, aaveFileName(req.symbol, req.fromMs, req.toMs));
    await writeAtomic(file, formatAaveCsv(req.symbol, result.rows));
  }
  await clearCheckpoint(opts.outDir, key);
  return { file, rows: result.rows.length, pages: result.pages, resumed: result.resumed, retries: result.retries };
}
