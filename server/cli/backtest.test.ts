// The backtest CLI: argument parsing (flags, --set paths, --config), exit code 2 with a message
// naming the problem on bad input and nothing written, and --json printing exactly one object.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBacktestArgs, runBacktestCommand, UsageError } from "./backtest";

const tmp = mkdtempSync(path.join(os.tmpdir(), "backtest-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runBacktestCommand(argv, { out: (s) => ((out += s), true), err: (s) => ((err += s), true) });
  return { code, out, err };
}

const base = ["--mode", "btc_basis", "--start", "2024-02-01", "--end", "2024-02-15", "--capital", "50000"];

describe("parseBacktestArgs", () => {
  it("parses flags, dotted --set values as JSON and merges --config", () => {
    const cfg = path.join(tmp, "cfg.json");
    writeFileSync(cfg, JSON.stringify({ mode: "eth_basis", capital: 1000, params: { marginRatioTarget: 1 } }));
    const a = parseBacktestArgs(["--config", cfg, "--start", "2024-01-01", "--end", "2024-02-01", "--set", "hedgeAllocation.okx=0", "--set", "closeAtEnd=true", "--json"]);
    expect(a).toMatchObject({ mode: "eth_basis", capital: 1000, json: true, params: { marginRatioTarget: 1, hedgeAllocation: { okx: 0 }, closeAtEnd: true } });
  });
  it("rejects unknown flags, missing values and bad numbers", () => {
    expect(() => parseBacktestArgs([...base, "--bogus"])).toThrow(UsageError);
    expect(() => parseBacktestArgs(["--mode"])).toThrow(/--mode needs a value/);
    expect(() => parseBacktestArgs([...base.slice(0, 6), "--capital", "-5"])).toThrow(/--capital/);
    expect(() => parseBacktestArgs([...base.slice(0, 2), "--start", "2024/01/01", "--end", "2024-02-01", "--capital", "1"])).toThrow(/--start/);
  });
});

describe("runBacktestCommand", () => {
  it("--json prints exactly one JSON object with the summary shape", async () => {
    const r = await run([...base, "--json"]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(1);
    const s = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(s)).toEqual(["mode", "dataset", "start", "end", "shareClass", "initialCapital", "finalEquity", "steps", "events", "metrics", "attribution"]);
    expect(Object.keys(s.metrics as object)).toEqual([
      "totalReturn", "apy", "annualVolatility", "sharpe", "sortino", "maxDrawdown", "maxDrawdownDays", "rebalances", "feesPaid", "fundingCaptured", "timeInMarket",
    ]);
    expect(Object.keys(s.attribution as object)).toEqual(["funding", "lendingInterest", "borrowCost", "stakingYield", "pricePnl", "fees", "gas", "residual"]);
    expect(s.dataset).toBe("synthetic");
  });

  it("--out writes steps, events, summary and config", async () => {
    const out = path.join(tmp, "run");
    const r = await run([...base, "--out", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["config.json", "events.csv", "events.jsonl", "steps.csv", "summary.json"]);
    const steps = readFileSync(path.join(out, "steps.csv"), "utf8").trim().split("\n");
    expect(steps).toHaveLength(14 * 24 + 2);
    const cfg = JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")) as { params: { marginRatioTarget: number } };
    expect(cfg.params.marginRatioTarget).toBe(0.8);
  });

  it.each([
    [["--mode", "nope", ...base.slice(2)], /CONFIG-003.*nope/],
    [[...base, "--set", "marginRatioTarget=9"], /marginRatioTarget/],
    [[...base, "--set", "unknownKey=1"], /unknownKey/],
    [["--mode", "btc_basis", "--start", "2023-01-01", "--end", "2023-03-01", "--capital", "1000"], /DATA-003.*spot:binance:BTCUSDT/],
    [[...base, "--frobnicate"], /unknown argument --frobnicate/],
  ])("bad input %# exits 2 naming the problem and writes nothing", async (argv, message) => {
    const out = path.join(tmp, `bad-${Math.random().toString(36).slice(2)}`);
    const r = await run([...argv, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
    expect(existsSync(out)).toBe(false);
  });
});
