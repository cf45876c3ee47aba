// Builds the ccxt exchange for a venue with its rate limiter on, optionally pointed at another base
// URL (the tests' replay server, or a proxy) by rewriting every `urls.api` entry.
import ccxt from "ccxt";
import type { FetchVenue } from "./fetch-types";
import { binancePageSource, bybitPageSource, okxPageSource, type PageSourceOptions } from "./venue-page-sources";
import type { PageSource } from "./fetch-types";

export interface VenueConnection {
  /** replaces the venue's API host (scheme + host + port), keeping each entry's path */
  baseUrl?: string;
  /** ccxt request timeout, ms */
  timeoutMs?: number;
}

/** Rewrites `https://api.binance.com/api/v3` → `<base>/api/v3`, `https://{hostname}` → `<base>`. */
function rebase(api: unknown, base: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof api !== "object" || api === null) return out;
  for (const [key, url] of Object.entries(api)) {
    if (typeof url !== "string") continue;
    const m = /^https?:\/\/[^/]+(\/.*)?$/.exec(url);
    out[key] = `${base.replace(/\/$/, "")}${m?.[1] ?? ""}`;
  }
  return out;
}

/** A page source for venue/kind over a ccxt exchange with enableRateLimit on. */
export function createVenuePageSource(venue: FetchVenue, opts: PageSourceOptions, conn: VenueConnection = {}): PageSource {
  const config = { enableRateLimit: true, timeout: conn.timeoutMs ?? 30_000 };
  switch (venue) {
    case "binance": {
      const ex = new ccxt.binance(config);
      if (conn.baseUrl) ex.urls.api = rebase(ex.urls.api, conn.baseUrl);
      return binancePageSource(ex, opts);
    }
    case "bybit": {
      const ex = new ccxt.bybit(config);
      if (conn.baseUrl) ex.urls.api = rebase(ex.urls.api, conn.baseUrl);
      return bybitPageSource(ex, opts);
    }
    case "okx": {
      const ex = new ccxt.okx(config);
      if (conn.baseUrl) ex.urls.api = rebase(ex.urls.api, conn.baseUrl);
      return okxPageSource(ex, opts);
    }
  }
}
