// Per-venue page sources: which ccxt REST endpoint serves each kind, its parameters for one page, and
// a zod schema for its answer. Implicit ccxt endpoints (not the unified fetchOHLCV) so no market list
// has to be loaded and pagination stays under our control; ccxt still throttles, builds requests and
// maps venue errors (429, error pages, retCode/code ≠ 0) to its typed exceptions.
import type { binance, bybit, okx } from "ccxt";
import { z } from "zod";
import type { CanonicalRow, FetchKind, FetchVenue, PageSource } from "./fetch-types";

const HOUR_MS = 3_600_000;
export const KLINE_FIELDS = ["open", "high", "low", "close", "volume"] as const;
export const FUNDING_FIELDS = ["rate"] as const;

/** A numeric value sent as a string or number; must be finite. */
const num = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : Number(v);
  if (v === "" || !Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `not a number: ${String(v)}` });
    return z.NEVER;
  }
  return n;
});

/** Binance klines: [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, …]. */
const binanceKlinesSchema = z.array(z.tuple([num, num, num, num, num, num]).rest(z.unknown()));
const binanceFundingSchema = z.array(z.object({ fundingTime: num, fundingRate: num }).loose());
/** Bybit v5: newest first. */
const bybitKlinesSchema = z.object({ result: z.object({ list: z.array(z.tuple([num, num, num, num, num, num]).rest(z.unknown())) }) });
const bybitFundingSchema = z.object({ result: z.object({ list: z.array(z.object({ fundingRateTimestamp: num, fundingRate: num }).loose()) }) });
/** OKX v5: newest first; [ts, o, h, l, c, vol (base; contracts for swaps), volCcy, volCcyQuote, confirm]. */
const okxCandlesSchema = z.object({ data: z.array(z.tuple([num, num, num, num, num, num]).rest(z.unknown())) });
const okxFundingSchema = z.object({
  data: z.array(z.object({ fundingTime: num, fundingRate: num, realizedRate: z.union([z.string(), z.number()]).optional() }).loose()),
});

export type VenueExchange = { binance: binance; bybit: bybit; okx: okx };

export interface PageSourceOptions {
  symbol: string;
  kind: FetchKind;
  fromMs: number;
  toMs: number;
  /** rows per page (venue maximum by default; tests use small pages) */
  pageLimit?: number;
}

/** Venue error in an otherwise well-formed answer shape: names the venue and endpoint. */
export class VenueResponseError extends Error {
  constructor(venue: FetchVenue, endpoint: string, detail: string) {
    super(`${venue} ${endpoint}: unexpected response: ${detail}`);
    this.name = "VenueResponseError";
  }
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown, venue: FetchVenue, endpoint: string): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new VenueResponseError(venue, endpoint, `${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
}

type KlineTuple = readonly [number, number, number, number, number, number, ...unknown[]];
const klineRow = (t: KlineTuple, volume: number): CanonicalRow => ({ time: t[0], values: [t[1], t[2], t[3], t[4], volume] });

/** OKX instrument id from a compact symbol: BTCUSDT → BTC-USDT (spot) / BTC-USDT-SWAP. */
export function okxInstrumentId(symbol: string, kind: FetchKind): string {
  const quote = /(USDT|USDC|USD)$/.exec(symbol)?.[1] ?? "USDT";
  const base = symbol.slice(0, symbol.length - quote.length);
  return kind === "spot" ? `${base}-${quote}` : `${base}-${quote}-SWAP`;
}

export function binancePageSource(ex: binance, o: PageSourceOptions): PageSource {
  const last = o.toMs - 1;
  if (o.kind === "funding") {
    const limit = o.pageLimit ?? 1000;
    return {
      direction: "forward",
      fields: FUNDING_FIELDS,
      async fetchPage(cursor) {
        const raw: unknown = await ex.fapiPublicGetFundingRate({ symbol: o.symbol, startTime: cursor, endTime: last, limit });
        return parseWith(binanceFundingSchema, raw, "binance", "fapi/v1/fundingRate").map((r) => ({ time: r.fundingTime, values: [r.fundingRate] }));
      },
    };
  }
  const limit = o.pageLimit ?? 1000;
  return {
    direction: "forward",
    fields: KLINE_FIELDS,
    async fetchPage(cursor) {
      const params = { symbol: o.symbol, interval: "1h", startTime: cursor, endTime: last, limit };
      const raw: unknown = o.kind === "spot" ? await ex.publicGetKlines(params) : await ex.fapiPublicGetKlines(params);
      const endpoint = o.kind === "spot" ? "api/v3/klines" : "fapi/v1/klines";
      return parseWith(binanceKlinesSchema, raw, "binance", endpoint).map((t) => klineRow(t, t[5]));
    },
  };
}

export function bybitPageSource(ex: bybit, o: PageSourceOptions): PageSource {
  const category = o.kind === "spot" ? "spot" : "linear";
  if (o.kind === "funding") {
    const limit = o.pageLimit ?? 200;
    return {
      direction: "backward",
      fields: FUNDING_FIELDS,
      async fetchPage(cursor) {
        const raw: unknown = await ex.publicGetV5MarketFundingHistory({ category, symbol: o.symbol, startTime: o.fromMs, endTime: cursor, limit });
        return parseWith(bybitFundingSchema, raw, "bybit", "v5/market/funding/history").result.list.map((r) => ({ time: r.fundingRateTimestamp, values: [r.fundingRate] }));
      },
    };
  }
  const limit = o.pageLimit ?? 1000;
  return {
    direction: "backward",
    fields: KLINE_FIELDS,
    async fetchPage(cursor) {
      const raw: unknown = await ex.publicGetV5MarketKline({ category, symbol: o.symbol, interval: "60", start: o.fromMs, end: cursor, limit });
      return parseWith(bybitKlinesSchema, raw, "bybit", "v5/market/kline").result.list.map((t) => klineRow(t, t[5]));
    },
  };
}

export function okxPageSource(ex: okx, o: PageSourceOptions): PageSource {
  const instId = okxInstrumentId(o.symbol, o.kind);
  const limit = o.pageLimit ?? 100;
  if (o.kind === "funding") {
    return {
      direction: "backward",
      fields: FUNDING_FIELDS,
      async fetchPage(cursor) {
        // `after` returns records strictly older than it
        const raw: unknown = await ex.publicGetPublicFundingRateHistory({ instId, after: cursor + 1, limit });
        return parseWith(okxFundingSchema, raw, "okx", "public/funding-rate-history").data.map((r) => {
          // realizedRate is what settled at fundingTime; fundingRate can run one settlement behind
          const realized = r.realizedRate === undefined || r.realizedRate === "" ? Number.NaN : Number(r.realizedRate);
          return { time: r.fundingTime, values: [Number.isFinite(realized) ? realized : r.fundingRate] };
        });
      },
    };
  }
  return {
    direction: "backward",
    fields: KLINE_FIELDS,
    async fetchPage(cursor) {
      const raw: unknown = await ex.publicGetMarketHistoryCandles({ instId, bar: "1H", after: cursor + 1, limit });
      // vol: base units for spot, contracts for swaps, as in the venue's own files (the importer converts)
      return parseWith(okxCandlesSchema, raw, "okx", "market/history-candles").data.map((t) => klineRow(t, t[5]));
    },
  };
}

/** Expected spacing of rows, for progress estimates only. */
export function expectedStepMs(kind: FetchKind): number {
  return kind === "funding" ? 8 * HOUR_MS : HOUR_MS;
}
