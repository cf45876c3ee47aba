// runStatsCommand: flags, exit codes and the single JSON object on stdout.

import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MarketData, Series } from "../market-data/series";
import { runStatsCommand } from "./data-stats";

const FIXTURES = path.resolve(import.meta.dirname, "../market-data/import/fixtures/mini-data");
const D0 = Date.UTC(2024, 0, 1);
const H = 3_600_000;

const stored: MarketData = {
  name: "stored",
  version: 1,
  source: "synthetic",
  series: new Map<string, Series>([
    ["funding:bybit:BTCUSDT", { id: "funding:bybit:BTCUSDT", kind: "funding", time: Float64Array.from([0, 8, 16].map((h) => D0 + h * H)), fields: { rate: Float64Array.from([0.0001, 0.0002, 0.0003]) } }],
  ]),
};

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const requested: string[] = [];
  const code = await runStatsCommand(argv, {
    loadNamedDataset: async (name) => {
      requested.push(name);
      if (name !== "stored") throw new Error(`no data set named ${name}`);
      return stored;
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr, requested };
}

describe("runStatsCommand", () => {
  it("--dataset --json prints exactly one JSON object", async () => {
    const r = await run(["--series", "funding:bybit:BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", "stored", "--json"]);
    expect(r.code).toBe(0);
    expect(r.requested).toEqual(["stored"]);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const obj = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(obj)).toEqual(["events", "sum", "meanPerEvent", "annualizedCalendar", "annualizedPerEvent", "first", "last"]);
    expect(obj.events).toBe(3);
    expect(obj.annualizedCalendar).toBeCloseTo(0.0006 * 365, 12);
    expect(r.stderr).toBe("");
  });

  it("--data reads a raw directory; the table names the window", async () => {
    const r = await run(["--series", "aave:USDT", "--from", "2024-01-01", "--to", "2024-01-03", "--data", FIXTURES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("aave:USDT  [2024-01-01, 2024-01-03)  2 days");
    expect(r.stdout).toMatch(/supplyApyFromIndex\s+0\.0?\d+/);
  });

  it.each([
    [["--series", "nope:x", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", "stored"], /unknown series id "nope:x"/],
    [["--series", "funding:bybit:BTCUSDT", "--from", "2024-01-01", "--to", "2024-02-01", "--dataset", "stored"], /reaches outside funding:bybit:BTCUSDT/],
    [["--series", "funding:bybit:BTCUSDT", "--from", "2024-13-01", "--to", "2024-02-01", "--dataset", "stored"], /--from is not a calendar date/],
    [["--series", "funding:bybit:BTCUSDT", "--from", "1/1/2024", "--to", "2024-02-01", "--dataset", "stored"], /--from must be a date YYYY-MM-DD/],
    [["--series", "funding:bybit:BTCUSDT", "--from", "2024-01-02", "--to", "2024-01-01", "--dataset", "stored"], /--to must be after --from/],
    [["--from", "2024-01-01", "--to", "2024-01-02", "--dataset", "stored"], /--series is required/],
    [["--series", "x:y", "--from", "2024-01-01", "--to", "2024-01-02"], /exactly one of --dataset NAME or --data/],
    [["--series", "x:y", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", "a", "--data", "b"], /exactly one of/],
    [["--series", "x:y", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", "stored", "--bogus"], /Unknown option '--bogus'/],
    [["--series", "x:y", "--from", "2024-01-01", "--to", "2024-01-02", "--data", "/nonexistent/dir"], /directory not found/],
    [["--series", "x:y", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", "missing"], /no data set named missing/],
  ])("exit 2 with a message: %j", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });
});
