// The backtest CLI's --stress flag: the --json object keeps the run summary's keys and adds a
// `stress` table (scenario, shock step, liquidations, loss, path); a bad scenario exits 2.
import { describe, expect, it } from "vitest";
import { runBacktestCommand } from "./backtest";

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runBacktestCommand(argv, { out: (s) => ((out += s), true), err: (s) => ((err += s), true) });
  return { code, out, err };
}

describe("backtest --stress", () => {
  it("prints one JSON object with an additive stress key", async () => {
    const r = await run(["--mode", "eth_leveraged", "--start", "2024-03-01", "--end", "2024-03-20", "--capital", "100", "--stress", "depeg:6:2@2024-03-05T10", "--json"]);
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.out) as Record<string, unknown> & { stress: { shockStep: number; liquidated: boolean; firstLiquidationStep: number; table: { metric: string }[]; path: { time: number[] } } };
    expect(obj.mode).toBe("eth_leveraged");
    expect(obj.attribution).toBeDefined();
    expect(obj.stress.shockStep).toBe(4 * 24 + 10);
    expect(obj.stress.liquidated).toBe(true);
    expect(obj.stress.firstLiquidationStep).toBe(obj.stress.shockStep);
    expect(obj.stress.table.map((x) => x.metric)).toContain("minHealthFactor");
    expect(obj.stress.path.time.length).toBeGreaterThan(24);
  });
  it("a bad scenario or a shock outside the window is bad input (exit 2)", async () => {
    const base = ["--mode", "eth_staking_only", "--start", "2024-03-01", "--end", "2024-03-20", "--capital", "100"];
    expect((await run([...base, "--stress", "meteor:5"])).code).toBe(2);
    const late = await run([...base, "--stress", "price:-30@2024-05-01"]);
    expect(late.code).toBe(2);
    expect(late.err).toMatch(/inside the window/);
  });
});
