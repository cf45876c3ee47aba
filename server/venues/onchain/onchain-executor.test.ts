// The dry-run on-chain executor: one transaction per atomic group, stable ids, idempotent submit,
// invalid actions refused.
import { describe, expect, it } from "vitest";
import { DryRunExecutor, type OnchainAction } from "./onchain-executor";

const supply: OnchainAction = { operation: "supply", protocol: "aave_v3", asset: "weETH", amount: 10, orderId: 4, reason: "initial" };
const borrow: OnchainAction = { operation: "borrow", protocol: "aave_v3", asset: "WETH", amount: 8, orderId: 5, reason: "initial" };

describe("DryRunExecutor", () => {
  it("prepares one transaction per atomic group and records it once however often it is submitted", async () => {
    const ex = new DryRunExecutor();
    const tx = ex.prepare("g1", [supply, borrow], 1_700_000_000_000);
    expect(tx.id).toBe("g1:4-5");
    expect(tx.actions.map((a) => a.call)).toEqual(["Pool.supply(asset, amount, onBehalfOf, referralCode)", "Pool.borrow(asset, amount, interestRateMode=2, referralCode, onBehalfOf)"]);
    expect(await ex.submit(tx)).toEqual({ status: "recorded", txHash: null });
    await ex.submit(ex.prepare("g1", [supply, borrow], 1_700_000_360_000));
    expect(ex.recorded).toHaveLength(1);
  });

  it("refuses empty groups and invalid actions", () => {
    const ex = new DryRunExecutor();
    expect(() => ex.prepare("g", [], 0)).toThrow(/at least one/);
    expect(() => ex.prepare("g", [{ ...supply, amount: -1 }], 0)).toThrow();
  });
});
