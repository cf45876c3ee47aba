// Replay tests of the downloader: ccxt pointed at a local server answering recorded venue responses
// (fixtures/), covering pagination both ways, 429 and error pages with backoff, empty pages, resume
// from the checkpoint, the canonical files (read back by the importer) and a "downloaded" data set.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closePool, getPool } from "../../db/pool";
import { loadDirectory } from "../import/load-directory";
import { loadDatasetByName } from "../store/load-dataset";
import { runFetchCommand, type FetchCommandIo } from "./fetch-command";
import { readReplayFixture, startReplayServer, type ReplayServer } from "./replay-server";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const fixture = (name: string) => readReplayFixture(path.join(FIXTURES, name));
const H = 3_600_000;
const D0 = Date.UTC(2024, 0, 1);

interface CapturedIo extends FetchCommandIo {
  out: string[];
  err: string[];
  sleeps: number[];
}

function captureIo(): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  return {
    out,
    err,
    sleeps,
    stdout: { write: (s) => void out.push(s) },
    stderr: { write: (s) => void err.push(s), isTTY: false },
    sleep: async (ms) => void sleeps.push(ms),
  };
}

let dir: string;
let server: ReplayServer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fetch-test-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

const venueArgs = (venue: string, symbol: string, kind: string, from: string, to: string, base: string, limit: number) => [
  "--venue", venue, "--symbol", symbol, "--kind", kind, "--from", from, "--to", to, "--out", dir, "--base-url", base, "--page-limit", String(limit),
];

describe("runFetchCommand: flags", () => {
  it.each([
    [["--venue", "kraken", "--symbol", "BTCUSDT", "--kind", "spot", "--from", "2024-01-01", "--to", "2024-01-02"], "--venue"],
    [["--venue", "binance", "--symbol", "BTCUSDT", "--kind", "spot", "--from", "2024-13-01", "--to", "2024-01-02"], "--from"],
    [["--venue", "binance", "--symbol", "BTCUSDT", "--kind", "spot", "--from", "2024-01-02", "--to", "2024-01-01"], "--to must be after --from"],
    [["--venue", "binance", "--symbol", "BTCUSDT", "--kind", "spot", "--from", "2024-01-01"], "--to: required"],
    [["--venue", "binance", "--symbol", "BTC", "--kind", "spot", "--from", "2024-01-01", "--to", "2024-01-02"], "symbol like BTCUSDT"],
    [["--venue", "aave", "--symbol", "USDT", "--kind", "rates", "--from", "2024-01-01", "--to", "2024-01-02"], "--endpoint"],
    [["--venue", "binance", "--symbol", "BTCUSDT", "--kind", "rates", "--from", "2024-01-01", "--to", "2024-01-02"], "--kind rates"],
    [["--venue", "binance", "--symbol", "BTCUSDT", "--kind", "spot", "--from", "2024-01-01", "--to", "2024-01-02", "--bogus", "1"], "unknown option --bogus"],
  ])("exits 2 with a message for %j", async (argv, message) => {
    const io = captureIo();
    expect(await runFetchCommand(argv, io)).toBe(2);
    expect(io.err.join("")).toContain(message);
    expect(io.err.join("")).toContain("usage: npm run data -- fetch");
  });
});

describe("runFetchCommand: venues through ccxt against recorded responses", () => {
  it("binance spot: paginates forward, backs off on 429 and an error page, stops on an empty page, writes the importer's format", async () => {
    server = await startReplayServer(fixture("binance-spot-btcusdt-2024-01-01.json"));
    const io = captureIo();
    const code = await runFetchCommand(venueArgs("binance", "BTCUSDT", "spot", "2024-01-01", "2024-01-02", server.baseUrl, 10), io);
    expect(io.err.join("")).not.toContain("fetch failed");
    expect(code).toBe(0);

    expect(server.requests.map((r) => [r.query.startTime, r.status])).toEqual([
      [String(D0), 200],
      [String(D0 + 9 * H + 1), 429],
      [String(D0 + 9 * H + 1), 200],
      [String(D0 + 19 * H + 1), 502],
      [String(D0 + 19 * H + 1), 200],
      [String(D0 + 23 * H + 1), 200],
    ]);
    // one backoff per failed attempt, first step of the exponential ladder each time
    expect(io.sleeps).toEqual([1000, 1000]);
    expect(io.err.join("")).toMatch(/429|Too many requests/);
    expect(io.err.join("")).toContain("100%");

    const files = await readdir(dir);
    expect(files).toEqual(["binance_BTCUSDT_spot_1h_2024-01-01_2024-01-02.csv"]);
    const text = await readFile(path.join(dir, files[0] as string), "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("timestamp,open,high,low,close,volume,source,symbol");
    expect(lines).toHaveLength(25);
    const raw = fixture("binance-spot-btcusdt-2024-01-01.json").responses[0]?.body as string[][];
    const first = raw[0] as string[];
    expect(lines[1]).toBe(`2024-01-01T00:00:00Z,${Number(first[1])},${Number(first[2])},${Number(first[3])},${Number(first[4])},${Number(first[5])},binance_spot,BTCUSDT`);

    // the importer reads it back as the canonical series, with no gaps
    const loaded = await loadDirectory(dir);
    const s = loaded.data.series.get("spot:binance:BTCUSDT");
    expect(s?.time.length).toBe(24);
    expect(s?.time[0]).toBe(D0);
    expect(s?.time[23]).toBe(D0 + 23 * H);
    expect(s?.fields.close?.[0]).toBe(Number(first[4]));
    expect(loaded.report.series["spot:binance:BTCUSDT"]?.gaps).toEqual([]);
  });

  it("binance perp: a persistent error page fails with exit 1 and keeps the checkpoint; the rerun resumes at the failed page", async () => {
    server = await startReplayServer(fixture("binance-perp-btcusdt-outage.json"));
    const io = captureIo();
    const args = venueArgs("binance", "BTCUSDT", "perp", "2024-01-01", "2024-01-02", server.baseUrl, 10);
    expect(await runFetchCommand(args, io)).toBe(1);
    expect(io.err.join("")).toMatch(/fetch failed: .*500.*after 5 retries.*rerun the same command to resume/s);
    expect(io.sleeps).toEqual([1000, 2000, 4000, 8000, 16000]);
    const hidden = (await readdir(dir)).sort();
    expect(hidden).toEqual([
      `.fetch-binance_BTCUSDT_perp_${D0}_${D0 + 24 * H}.checkpoint.json`,
      `.fetch-binance_BTCUSDT_perp_${D0}_${D0 + 24 * H}.partial.csv`,
    ]);
    const cp = JSON.parse(await readFile(path.join(dir, hidden[0] as string), "utf8")) as { cursor: number; pages: number; rows: number };
    expect(cp).toMatchObject({ cursor: D0 + 9 * H + 1, pages: 1, rows: 10 });

    server.use(fixture("binance-perp-btcusdt-2024-01-01.json"));
    server.requests.length = 0;
    const io2 = captureIo();
    expect(await runFetchCommand(args, io2)).toBe(0);
    expect(io2.err.join("")).toContain("resuming binance BTCUSDT perp from checkpoint: 1 page(s), 10 row(s)");
    // page 1 is not fetched again
    expect(server.requests.map((r) => r.query.startTime)).toEqual([String(D0 + 9 * H + 1), String(D0 + 19 * H + 1), String(D0 + 23 * H + 1)]);
    expect(await readdir(dir)).toEqual(["binance_BTCUSDT_perp_1h_2024-01-01_2024-01-02.csv"]);
    const loaded = await loadDirectory(dir);
    const s = loaded.data.series.get("perp:binance:BTCUSDT");
    expect(s?.time.length).toBe(24);
    expect(Array.from(s?.time ?? []).every((t, i) => t === D0 + i * H)).toBe(true);
  });

  it("binance funding: paginates to an empty page; the 2 ms-late stamp is kept as the venue sent it", async () => {
    server = await startReplayServer(fixture("binance-funding-btcusdt-2024-01-01.json"));
    const io = captureIo();
    expect(await runFetchCommand(venueArgs("binance", "BTCUSDT", "funding", "2024-01-01", "2024-01-03", server.baseUrl, 4), io)).toBe(0);
    expect(server.requests).toHaveLength(3);
    const text = await readFile(path.join(dir, "binance_BTCUSDT_funding_rates_2024-01-01_2024-01-03.csv"), "utf8");
    expect(text.split("\n").slice(0, 3)).toEqual([
      "funding_timestamp,funding_rate,symbol,source",
      "2024-01-01T00:00:00Z,0.0001,BTCUSDT,binance_futures",
      "2024-01-01T08:00:00.002Z,0.00012,BTCUSDT,binance_futures",
    ]);
    const s = (await loadDirectory(dir)).data.series.get("funding:binance:BTCUSDT");
    expect(s?.time.length).toBe(6);
    expect(Array.from(s?.fields.rate ?? [])).toEqual([0.0001, 0.00012, -0.00003, 0.0000753, 0.0001, 0.00021]);
  });

  it("bybit perp: walks backward from the window's end through newest-first pages", async () => {
    server = await startReplayServer(fixture("bybit-perp-ethusdt-2024-01-01.json"));
    const io = captureIo();
    expect(await runFetchCommand(venueArgs("bybit", "ETHUSDT", "perp", "2024-01-01", "2024-01-02", server.baseUrl, 10), io)).toBe(0);
    expect(server.requests.map((r) => Number(r.query.end))).toEqual([D0 + 24 * H - 1, D0 + 14 * H - 1, D0 + 4 * H - 1]);
    const s = (await loadDirectory(dir)).data.series.get("perp:bybit:ETHUSDT");
    expect(s?.time.length).toBe(24);
    expect(s?.time[0]).toBe(D0);
    expect(s?.time[23]).toBe(D0 + 23 * H);
  });

  it("okx funding: pages with `after`, and records the realised rate", async () => {
    server = await startReplayServer(fixture("okx-funding-btcusdt-2024-05-01.json"));
    const io = captureIo();
    expect(await runFetchCommand(venueArgs("okx", "BTCUSDT", "funding", "2024-05-01", "2024-05-03", server.baseUrl, 4), io)).toBe(0);
    expect(server.requests).toHaveLength(2);
    const s = (await loadDirectory(dir)).data.series.get("funding:okx:BTCUSDT");
    expect(Array.from(s?.fields.rate ?? [])).toEqual([0.0001, 0.00008, 0.00011, 0.00005, -0.00002, 0.0001]);
    expect(s?.time[0]).toBe(Date.UTC(2024, 4, 1));
  });

  it("--name imports the download directory as a data set with source downloaded", async () => {
    server = await startReplayServer(fixture("binance-funding-btcusdt-2024-01-01.json"));
    const io = captureIo();
    const name = `dl-test-${process.pid}`;
    try {
      expect(await runFetchCommand([...venueArgs("binance", "BTCUSDT", "funding", "2024-01-01", "2024-01-03", server.baseUrl, 4), "--name", name], io)).toBe(0);
      expect(io.out.join("")).toContain(`saved data set ${name} v1 (source downloaded)`);
      const data = await loadDatasetByName(getPool(), name);
      expect(data.source).toBe("downloaded");
      expect(data.series.get("funding:binance:BTCUSDT")?.time.length).toBe(6);
    } finally {
      await closePool();
    }
  });
});

describe("runFetchCommand: AAVE reserve history from a configurable endpoint", () => {
  it("follows cursors, retries 429 and an error page, stops at an empty page, writes the aavescan CSV the importer reads", async () => {
    server = await startReplayServer(fixture("aave-usdt-reserve-history.json"));
    const io = captureIo();
    const argv = ["--venue", "aave", "--kind", "rates", "--symbol", "USDT", "--endpoint", `${server.baseUrl}/reserve-history`, "--from", "2024-01-01", "--to", "2024-01-06", "--out", dir, "--page-limit", "2"];
    expect(await runFetchCommand(argv, io)).toBe(0);
    expect(server.requests.map((r) => [r.query.cursor ?? "", r.status])).toEqual([
      ["", 200],
      ["c2", 429],
      ["c2", 200],
      ["c4", 503],
      ["c4", 200],
      ["c5", 200],
    ]);
    expect(io.sleeps).toEqual([1000, 1000]);
    const loaded = await loadDirectory(dir);
    const s = loaded.data.series.get("aave:USDT");
    expect(s?.time.length).toBe(5);
    expect(s?.time[4]).toBe(D0 + 4 * 24 * H);
    // ray → fraction: 0.0816 APR and the 1.0361969326 index of the first snapshot
    expect(s?.fields.supplyApr?.[0]).toBeCloseTo(0.0816, 12);
    expect(s?.fields.liquidityIndex?.[0]).toBeCloseTo(1.0361969326, 10);
    expect(s?.fields.borrowApr?.[1]).toBeCloseTo(0.1 - 0.0012, 12);
    expect(s?.fields.oraclePriceUsd?.[2]).toBeCloseTo(0.99975, 12);
    expect(existsSync(path.join(dir, "aave_v3_aave-v3-ethereum_USDT_rates_2024-01-01_2024-01-06.csv"))).toBe(true);
  });

  it("refuses an answer that does not match the schema, without retrying", async () => {
    server = await startReplayServer({
      description: "wrong shape",
      responses: [{ match: { path: "/reserve-history", query: { symbol: "USDT", from: String(D0 / 1000), to: String((D0 + 24 * H) / 1000), limit: "500" } }, status: 200, body: { symbol: "USDT", items: [{ timestamp: 1 }], nextCursor: null } }],
    });
    const io = captureIo();
    const argv = ["--venue", "aave", "--kind", "rates", "--symbol", "USDT", "--endpoint", `${server.baseUrl}/reserve-history`, "--from", "2024-01-01", "--to", "2024-01-02", "--out", dir];
    expect(await runFetchCommand(argv, io)).toBe(1);
    expect(io.sleeps).toEqual([]);
    expect(io.err.join("")).toContain("liquidityIndex");
  });
});
