// The staking venue by hand: staking at r, DEX exit at m with table bps, ether.fi's 7-day unstake
// queue (Pending, then claim), AAVE max-LTV and HF checks, flash fee, and the liquidation call
// (close factor, bonus seized) — each against figures computed here.
import { describe, expect, it } from "vitest";
import { KeyRegistry } from "../core/position-keys";
import { createHandshake, resetHandshake, type Handshake } from "../messages/orders";
import { createCostModel } from "./cost-model";
import { SimulatedDefi, type DefiMarket, type DefiOrder } from "./simulated-defi";

const N = 400;
const fill = (v: number) => new Float64Array(N).fill(v);
const keys = new KeyRegistry(["wallet:BaseToken:ETH", "wallet:BaseToken:USDT", "wallet:LST:weETH", "etherfi:Pending:ETH", "aave_v3:aToken:aweETH", "aave_v3:debtToken:debtWETH"]);
const slot = (k: string) => keys.slot(k);

function venue(overrides: Partial<DefiMarket> = {}, costs = false): SimulatedDefi {
  const market: DefiMarket = {
    ethUsdt: fill(3000),
    gasGwei: fill(10),
    lst: "weETH",
    lstRate: fill(1.05),
    lstMarket: fill(1.04),
    lstIndex: fill(1),
    wethBorrowIndex: fill(1),
    emode: { maxLtv: 0.93, liquidationThreshold: 0.95, liquidationBonus: 0.01, closeFactor: 0.5 },
    flashFee: 0.0005,
    gasFrom: "ETH",
    ...overrides,
  };
  const v = new SimulatedDefi(keys, market, createCostModel(costs, 1));
  v.fund(slot("wallet:BaseToken:ETH"), 100);
  return v;
}

function submit(v: SimulatedDefi, o: DefiOrder, k = 0): Handshake {
  const hs = createHandshake();
  resetHandshake(hs, 1);
  v.submit(o, k, hs);
  return hs;
}

const book = (v: SimulatedDefi) => {
  const out = new Float64Array(keys.size);
  v.reportPositions(out);
  return (k: string) => out[slot(k)]!;
};

describe("SimulatedDefi", () => {
  it("stakes at r and sells on the DEX at m with the ETH/weETH bps (cost vs r booked)", () => {
    const v = venue({}, true);
    expect(submit(v, { venue: "wallet", operation: "stake", asset: "ETH", amount: 10.5, reason: "initial", gasUnits: 0 }).status).toBe("confirmed");
    expect(book(v)("wallet:LST:weETH")).toBeCloseTo(10, 12);
    const hs = submit(v, { venue: "wallet", operation: "swap", asset: "weETH", side: "sell", amount: 10, reason: "end_of_run", gasUnits: 0 });
    // 10 weETH ≈ 31,500 USDT: the 10k bucket, 20 bps
    const out = 10 * 1.04 * (1 - 0.002);
    expect(book(v)("wallet:BaseToken:ETH")).toBeCloseTo(100 - 10.5 + out, 12);
    expect(hs.costUsdt).toBeCloseTo((10 * 1.05 - out) * 3000, 9);
  });

  it("queues an ether.fi unstake 7 days in Pending at r, then claims it into the wallet", () => {
    const v = venue();
    submit(v, { venue: "wallet", operation: "stake", asset: "ETH", amount: 21, reason: "initial" });
    submit(v, { venue: "wallet", operation: "unstake", asset: "weETH", side: "sell", amount: 20, reason: "end_of_run" }, 10);
    expect(book(v)("etherfi:Pending:ETH")).toBeCloseTo(21, 12);
    expect(v.claimableUnstake(10 + 167)).toBe(0);
    expect(submit(v, { venue: "etherfi", operation: "claim", asset: "ETH", amount: 21, reason: "withdrawal", pendingClaim: true }, 10 + 167).status).toBe("failed");
    expect(v.claimableUnstake(10 + 168)).toBeCloseTo(21, 12);
    expect(submit(v, { venue: "etherfi", operation: "claim", asset: "ETH", amount: 21, reason: "withdrawal", pendingClaim: true }, 10 + 168).status).toBe("confirmed");
    expect(book(v)("etherfi:Pending:ETH")).toBe(0);
    expect(book(v)("wallet:BaseToken:ETH")).toBeCloseTo(100, 12);
  });

  it("enforces max LTV on borrow and HF ≥ 1 on withdraw; the flash fee is φ of the principal", () => {
    const v = venue();
    submit(v, { venue: "wallet", operation: "stake", asset: "ETH", amount: 105, reason: "initial", gasUnits: 0 });
    v.fund(slot("wallet:BaseToken:ETH"), 5);
    submit(v, { venue: "aave_v3", operation: "supply", asset: "weETH", amount: 100, reason: "initial", gasUnits: 0 });
    // collateral 105 ETH: 0.93·105 = 97.65 is the most that can be borrowed
    expect(submit(v, { venue: "aave_v3", operation: "borrow", asset: "WETH", amount: 97.7, reason: "initial", gasUnits: 0 }).status).toBe("failed");
    const v2 = venue();
    submit(v2, { venue: "wallet", operation: "stake", asset: "ETH", amount: 100, reason: "initial", gasUnits: 0 });
    submit(v2, { venue: "aave_v3", operation: "supply", asset: "weETH", amount: 100 / 1.05, reason: "initial", gasUnits: 0 });
    expect(submit(v2, { venue: "aave_v3", operation: "borrow", asset: "WETH", amount: 90, reason: "initial", gasUnits: 0 }).status).toBe("confirmed");
    // withdrawing 6 ETH of collateral leaves HF = 0.95·94/90 < 1
    expect(submit(v2, { venue: "aave_v3", operation: "withdraw", asset: "weETH", amount: 6 / 1.05, reason: "initial", gasUnits: 0 }).status).toBe("failed");
    submit(v2, { venue: "wallet", operation: "flash_borrow", asset: "WETH", amount: 10, reason: "initial", gasUnits: 0 });
    const hs = submit(v2, { venue: "wallet", operation: "flash_repay", asset: "WETH", amount: 10 * 1.0005, reason: "initial", gasUnits: 0 });
    expect(hs.costUsdt).toBeCloseTo(10 * 0.0005 * 3000, 9);
    expect(v2.flashOwed).toBe(0);
  });

  it("liquidates below HF 1: repays closeFactor·D and seizes R·(1 + bonus) of collateral", () => {
    // r falls 6 % at tick 1 (1.05 → 0.987): HF = 0.95·(100·0.94)/90 < 1
    const rate = fill(1.05);
    for (let k = 1; k < N; k++) rate[k] = 1.05 * 0.94;
    const v = venue({ lstRate: rate });
    submit(v, { venue: "wallet", operation: "stake", asset: "ETH", amount: 100, reason: "initial", gasUnits: 0 });
    submit(v, { venue: "aave_v3", operation: "supply", asset: "weETH", amount: 100 / 1.05, reason: "initial", gasUnits: 0 });
    submit(v, { venue: "aave_v3", operation: "borrow", asset: "WETH", amount: 90, reason: "initial", gasUnits: 0 });
    expect(submit(v, { venue: "aave_v3", operation: "repay", asset: "WETH", amount: 45, reason: "risk_override", liquidation: true }, 0).status).toBe("failed");
    const hs = submit(v, { venue: "aave_v3", operation: "repay", asset: "WETH", amount: 45, reason: "risk_override", liquidation: true }, 1);
    expect(hs.status).toBe("confirmed");
    const { collateral, debt } = v.aavePosition(1);
    expect(debt).toBeCloseTo(45, 12);
    expect(collateral).toBeCloseTo(94 - 45 * 1.01, 10);
    expect(hs.costUsdt).toBeCloseTo(45 * 0.01 * 3000, 9);
    expect((0.95 * collateral) / debt).toBeGreaterThan(1);
  });
});
