// Shared types of the downloader: what to fetch, one canonical row, and one page of a venue's answer.
import { z } from "zod";

export const FETCH_VENUES = ["binance", "bybit", "okx"] as const;
export type FetchVenue = (typeof FETCH_VENUES)[number];

export const FETCH_KINDS = ["spot", "perp", "funding"] as const;
export type FetchKind = (typeof FETCH_KINDS)[number];

/** One download: venue, instrument, kind and the UTC window [fromMs, toMs). */
export const fetchRequestSchema = z
  .object({
    venue: z.enum(FETCH_VENUES),
    symbol: z.string().regex(/^[A-Z0-9]{2,20}(USDT|USDC|USD)$/, "expected a symbol like BTCUSDT"),
    kind: z.enum(FETCH_KINDS),
    fromMs: z.number().int(),
    toMs: z.number().int(),
  })
  .refine((r) => r.toMs > r.fromMs, { message: "--to must be after --from", path: ["toMs"] });
export type FetchRequest = z.infer<typeof fetchRequestSchema>;

/**
 * One canonical row: kline rows carry open/high/low/close/volume (volume as the venue's files carry
 * it: base asset, or contracts for OKX swaps, which the importer converts), funding rows carry rate.
 */
export interface CanonicalRow {
  time: number;
  values: readonly number[];
}

/** Cursor-driven pagination: forward pages start at the cursor, backward pages end at it. */
export type PageDirection = "forward" | "backward";

export interface PageSource {
  readonly direction: PageDirection;
  /** Field names of `values`, in order. */
  readonly fields: readonly string[];
  /** Rows of one page, any order; the driver filters to the window and moves the cursor. */
  fetchPage(cursor: number): Promise<CanonicalRow[]>;
}
