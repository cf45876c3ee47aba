// Writes downloaded rows in the raw-file formats the importer reads (server/market-data/import/),
// named the way ../shared/data names them, so a download directory imports like the real data.
import type { CanonicalRow, FetchKind, FetchVenue } from "./fetch-types";

/** ISO-Z without milliseconds when they are zero (the files' usual form). */
export function isoUtc(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith(".000Z") ? `${s.slice(0, -5)}Z` : s;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** File name the importer classifies: e.g. binance_BTCUSDT_spot_1h_2024-01-01_2024-02-01.csv. */
export function canonicalFileName(venue: FetchVenue, symbol: string, kind: FetchKind, fromMs: number, toMs: number): string {
  const span = `${day(fromMs)}_${day(toMs)}`;
  if (kind === "funding") return `${venue}_${symbol}_funding_rates_${span}.csv`;
  return `${venue}_${symbol}_${kind}_1h_${span}.csv`;
}

const FUNDING_SOURCE: Record<FetchVenue, string> = { binance: "binance_futures", bybit: "bybit", okx: "okx" };

/** CSV text: klines `timestamp,open,high,low,close,volume,source,symbol`; funding `funding_timestamp,funding_rate,symbol,source`. */
export function formatCanonicalCsv(venue: FetchVenue, symbol: string, kind: FetchKind, rows: readonly CanonicalRow[]): string {
  if (kind === "funding") {
    const lines = rows.map((r) => `${isoUtc(r.time)},${r.values[0] as number},${symbol},${FUNDING_SOURCE[venue]}`);
    return `funding_timestamp,funding_rate,symbol,source\n${lines.map((l) => `${l}\n`).join("")}`;
  }
  const source = venue === "binance" ? `binance_${kind === "spot" ? "spot" : "futures"}` : venue;
  const lines = rows.map((r) => `${isoUtc(r.time)},${r.values.join(",")},${source},${symbol}`);
  return `timestamp,open,high,low,close,volume,source,symbol\n${lines.map((l) => `${l}\n`).join("")}`;
}
