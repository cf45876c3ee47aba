// Known answers for the downloader's small pieces: OKX instrument ids, file names, CSV, the progress
// line, the cursor adapter in both directions, and de-duplication of refetched rows.
import { describe, expect, it } from "vitest";
import { canonicalFileName, formatCanonicalCsv, isoUtc } from "./canonical-files";
import { toPagedDownload } from "./fetch-market-data";
import type { CanonicalRow, PageSource } from "./fetch-types";
import { createProgressBar, renderProgressLine } from "./progress-bar";
import { sortUniqueRows } from "./run-paged-download";
import { okxInstrumentId } from "./venue-page-sources";

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

describe("downloader helpers", () => {
  it("maps compact symbols to OKX instrument ids", () => {
    expect(okxInstrumentId("BTCUSDT", "spot")).toBe("BTC-USDT");
    expect(okxInstrumentId("ETHUSDT", "perp")).toBe("ETH-USDT-SWAP");
    expect(okxInstrumentId("ETHUSDC", "funding")).toBe("ETH-USDC-SWAP");
  });

  it("names files the way the importer classifies them", () => {
    expect(canonicalFileName("bybit", "ETHUSDT", "perp", T0, T0 + 31 * 24 * H)).toBe("bybit_ETHUSDT_perp_1h_2024-01-01_2024-02-01.csv");
    expect(canonicalFileName("okx", "BTCUSDT", "funding", T0, T0 + 24 * H)).toBe("okx_BTCUSDT_funding_rates_2024-01-01_2024-01-02.csv");
    expect(isoUtc(T0)).toBe("2024-01-01T00:00:00Z");
    expect(isoUtc(T0 + 2)).toBe("2024-01-01T00:00:00.002Z");
    expect(formatCanonicalCsv("okx", "BTCUSDT", "funding", [{ time: T0, values: [1e-5] }])).toBe("funding_timestamp,funding_rate,symbol,source\n2024-01-01T00:00:00Z,0.00001,BTCUSDT,okx\n");
  });

  it("draws a progress line, in place on a terminal", () => {
    expect(renderProgressLine(0.5, "binance BTCUSDT spot", "12 rows")).toBe(`[${"#".repeat(15)}${"-".repeat(15)}]  50%  binance BTCUSDT spot  12 rows`);
    const out: string[] = [];
    const bar = createProgressBar({ write: (s) => void out.push(s), isTTY: true }, "x");
    bar.update(0.25, "a");
    bar.done("b");
    expect(out[0]?.startsWith("\r[")).toBe(true);
    expect(out[1]?.endsWith("\n")).toBe(true);
  });

  it("keeps one row per time, the last fetched", () => {
    const rows: CanonicalRow[] = [
      { time: 3, values: [1] },
      { time: 1, values: [1] },
      { time: 3, values: [2] },
    ];
    expect(sortUniqueRows(rows)).toEqual([
      { time: 1, values: [1] },
      { time: 3, values: [2] },
    ]);
  });

  it("moves the cursor past each page, forward and backward, and ends on an empty page", async () => {
    const all = Array.from({ length: 10 }, (_, i) => ({ time: T0 + i * H, values: [i] }));
    const forward: PageSource = { direction: "forward", fields: ["v"], fetchPage: async (c) => all.filter((r) => r.time >= c).slice(0, 4) };
    const f = toPagedDownload("k", forward, T0, T0 + 10 * H);
    expect(f.initialCursor).toBe(T0);
    const p1 = await f.fetchPage(T0);
    expect(p1.next).toBe(T0 + 3 * H + 1);
    expect(p1.progress).toBeCloseTo((3 * H + 1) / (10 * H), 12);
    const last = await f.fetchPage(T0 + 9 * H + 1);
    expect(last).toEqual({ rows: [], next: null, progress: 1 });

    const backward: PageSource = { direction: "backward", fields: ["v"], fetchPage: async (c) => all.filter((r) => r.time <= c).slice(-4).reverse() };
    const b = toPagedDownload("k", backward, T0 + H, T0 + 10 * H);
    expect(b.initialCursor).toBe(T0 + 10 * H - 1);
    const q1 = await b.fetchPage(b.initialCursor);
    expect(q1.rows.map((r) => r.values[0])).toEqual([9, 8, 7, 6]);
    expect(q1.next).toBe(T0 + 6 * H - 1);
    // rows before the window are dropped; the page reaching `from` is the last
    const q3 = await b.fetchPage(T0 + 2 * H - 1);
    expect(q3.rows.map((r) => r.values[0])).toEqual([1]);
    expect(q3.next).toBeNull();
  });
});
