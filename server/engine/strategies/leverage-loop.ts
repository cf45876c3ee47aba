// The AAVE e-mode staking loop shared by eth_leveraged and usdt_market_neutral (domain §2.9, §2.11,
// §3.3, §3.8): atomic (flash) or recursive entry, re-lever / delever to λ, release of net ETH at
// constant λ, full unwind, and the protocol's liquidation when HF < 1 (close factor + bonus).
import { resolvedTargetLtv, type LeverageParams } from "../config/staking-params";
import type { KeyRegistry } from "../core/position-keys";
import { deleverAmount, releaseRepay, releverAmount } from "../math/leverage";
import type { DecisionReason } from "../types";
import { GAS_UNITS } from "../venues/cost-model";
import { FLASH_FEE, type DefiMarket, type DefiOrder, type SimulatedDefi } from "../venues/simulated-defi";
import type { StrategyContext } from "./strategy";

export interface LoopState {
  /** Collateral (ETH at r), debt (ETH), LTV and HF (NaN without debt). */
  collateral: number;
  debt: number;
  ltv: number;
  hf: number;
}

export class LeverageLoop {
  readonly params: LeverageParams;
  readonly lambda: number;
  readonly flashFee: number;
  private readonly venue: SimulatedDefi;
  private readonly market: DefiMarket;
  /** Whether group gas is paid in ETH out of the loop (ETH class) rather than from wallet USDT. */
  private readonly gasInEth: boolean;
  private walletEth = -1;
  private walletLst = -1;
  private entryGasPaid = false;
  private readonly state: LoopState = { collateral: 0, debt: 0, ltv: Number.NaN, hf: Number.NaN };

  constructor(params: LeverageParams, venue: SimulatedDefi, market: DefiMarket, gasInEth: boolean) {
    this.params = params;
    this.lambda = resolvedTargetLtv(params);
    this.flashFee = FLASH_FEE[params.flashSource];
    this.venue = venue;
    this.market = market;
    this.gasInEth = gasInEth;
  }

  static keys(lst: string): string[] {
    return [`aave_v3:aToken:a${lst}`, "aave_v3:debtToken:debtWETH"];
  }

  bind(keys: KeyRegistry): void {
    this.walletEth = keys.slot("wallet:BaseToken:ETH");
    this.walletLst = keys.slot(`wallet:LST:${this.market.lst}`);
  }

  read(k: number): LoopState {
    const { collateral, debt } = this.venue.aavePosition(k);
    const s = this.state;
    s.collateral = collateral;
    s.debt = debt;
    s.ltv = collateral > 0 && debt > 0 ? debt / collateral : Number.NaN;
    s.hf = debt > 0 ? (this.params.liquidationThreshold * collateral) / debt : Number.NaN;
    return s;
  }

  /** Net ETH of the loop (a·I·r − d·J). */
  netEth(k: number): number {
    const s = this.read(k);
    return s.collateral - s.debt;
  }

  private groupGasEth(units: number, k: number): number {
    return this.gasInEth ? this.venue.gasQuoteEth(units, k) : 0;
  }

  /** Gas (ETH) `units` would cost at tick k. */
  gasQuoteEth(units: number, k: number): number {
    return this.venue.gasQuoteEth(units, k);
  }

  /** Gas (ETH) the entry will charge; the caller leaves it in the wallet when gas is paid in ETH. */
  entryGasEth(k: number): number {
    return this.venue.gasQuoteEth(this.entryUnits(), k);
  }

  private entryUnits(): number {
    return GAS_UNITS.ATOMIC_ENTRY + (this.entryGasPaid ? 0 : GAS_UNITS.SET_EMODE_ONCE + GAS_UNITS.APPROVAL_ONCE);
  }

  /**
   * Atomic entry of `equity` ETH (domain §2.9): flash F = λE/(1−λ), stake E+F, supply, borrow F(1+φ),
   * repay the flash; the group's gas is charged on its last leg.
   */
  enterAtomic(ctx: StrategyContext, equity: number, reason: DecisionReason): void {
    const k = ctx.k;
    const lam = this.lambda;
    const f = (lam * equity) / (1 - lam);
    const r = this.market.lstRate[k] as number;
    const owed = f * (1 + this.flashFee);
    const lst = this.market.lst;
    const orders: DefiOrder[] = [
      { venue: "wallet", operation: "flash_borrow", asset: "WETH", amount: f, reason, gasUnits: 0 },
      { venue: "wallet", operation: "stake", asset: "ETH", amount: equity + f, reason, gasUnits: 0 },
      { venue: "aave_v3", operation: "supply", asset: lst, amount: (equity + f) / r, reason, gasUnits: 0 },
      { venue: "aave_v3", operation: "borrow", asset: "WETH", amount: owed, reason, gasUnits: 0 },
      { venue: "wallet", operation: "flash_repay", asset: "WETH", amount: owed, reason, gasUnits: this.entryUnits() },
    ];
    ctx.executeAtomic(orders);
    this.entryGasPaid = true;
  }

  /**
   * Recursive entry (legacy): stake the wallet's ETH → supply → borrow up to λ, repeated until the
   * next borrow is below minLoopSize; every leg pays its own gas (kept back from the staked ETH).
   */
  enterRecursive(ctx: StrategyContext, reason: DecisionReason): number {
    const k = ctx.k;
    const lst = this.market.lst;
    const r = this.market.lstRate[k] as number;
    const stakeGas = this.groupGasEth(GAS_UNITS.STAKE_DEPOSIT, k);
    const borrowGas = this.groupGasEth(GAS_UNITS.LOAN_CREATED, k);
    const supplyGas = (first: boolean): number =>
      this.groupGasEth(GAS_UNITS.COLLATERAL_SUPPLIED + (first ? GAS_UNITS.APPROVAL_ONCE + GAS_UNITS.SET_EMODE_ONCE : 0), k);
    let loops = 0;
    while (loops < 1000) {
      const stake = (ctx.ledger[this.walletEth] as number) - stakeGas - supplyGas(loops === 0 && !this.entryGasPaid) - borrowGas;
      if (!(stake > 0)) break;
      ctx.execute({ venue: "wallet", operation: "stake", asset: "ETH", amount: stake, reason });
      ctx.execute({ venue: "aave_v3", operation: "supply", asset: lst, amount: stake / r, reason });
      this.entryGasPaid = true;
      const s = this.read(k);
      const borrow = this.lambda * s.collateral - s.debt;
      if (borrow < this.params.minLoopSize) break;
      ctx.execute({ venue: "aave_v3", operation: "borrow", asset: "WETH", amount: borrow, reason });
      loops++;
    }
    return loops;
  }

  /** Re-lever to λ (domain §3.8): flash x = (λC − D)/(1−λ), stake and supply it, borrow x(1+φ) (+ gas in ETH). */
  relever(ctx: StrategyContext, reason: DecisionReason): void {
    const k = ctx.k;
    const s = this.read(k);
    const x = releverAmount(s.collateral, s.debt, this.lambda);
    if (!(x > 1e-9)) return;
    const r = this.market.lstRate[k] as number;
    const gas = this.groupGasEth(GAS_UNITS.ATOMIC_ENTRY, k);
    const owed = x * (1 + this.flashFee);
    const orders: DefiOrder[] = [
      { venue: "wallet", operation: "flash_borrow", asset: "WETH", amount: x, reason, gasUnits: 0 },
      { venue: "wallet", operation: "stake", asset: "ETH", amount: x, reason, gasUnits: 0 },
      { venue: "aave_v3", operation: "supply", asset: this.market.lst, amount: x / r, reason, gasUnits: 0 },
      { venue: "aave_v3", operation: "borrow", asset: "WETH", amount: owed + gas, reason, gasUnits: 0 },
      { venue: "wallet", operation: "flash_repay", asset: "WETH", amount: owed, reason, gasUnits: GAS_UNITS.ATOMIC_ENTRY },
    ];
    ctx.executeAtomic(orders);
  }

  /** ETH received per ETH of collateral withdrawn and swapped, net of the DEX cost and flash fee. */
  private unwindFactor(k: number, ethSize: number): number {
    const r = this.market.lstRate[k] as number;
    const m = this.market.lstMarket[k] as number;
    return ((m / r) * (1 - this.venue.lstSwapCost(ethSize, k))) / (1 + this.flashFee);
  }

  /**
   * Delever to λ atomically (domain §3.8): flash and repay y = (D − λC)/(1 − λ/k), withdraw LST
   * whose swap repays the flash (and the group's gas when paid in ETH).
   */
  delever(ctx: StrategyContext, reason: DecisionReason): void {
    const k = ctx.k;
    const s = this.read(k);
    const lam = this.lambda;
    const units = GAS_UNITS.ATOMIC_DELEVERAGE_ONE_SWAP;
    const gas = this.groupGasEth(units, k);
    // cost-free first pass picks the DEX bucket, then the size is solved once
    const y0 = deleverAmount(s.collateral, s.debt, lam, this.unwindFactor(k, 0));
    const kf = this.unwindFactor(k, Math.max(0, y0));
    const y = deleverAmount(s.collateral, s.debt, lam, kf);
    if (!(y > 1e-9)) return;
    // what an unwind of everything would leave after the DEX, flash fee and gas: near or below zero the
    // loop cannot be brought back to λ, so it is closed (or, insolvent, left to the protocol's liquidation)
    const residual = s.collateral * this.unwindFactor(k, s.collateral) - s.debt - this.venue.gasQuoteEth(GAS_UNITS.ATOMIC_DELEVERAGE_ONE_SWAP, k);
    if (residual <= 0) {
      ctx.emit("DeleverInfeasible", { collateral: s.collateral, debt: s.debt, healthFactor: s.hf }, "HIGH", "aave_v3");
      return;
    }
    if (y >= s.debt || residual < 20 * this.venue.gasQuoteEth(units, k)) return this.exit(ctx, reason);
    this.unwind(ctx, y, y * (1 + this.flashFee) + gas, units, reason);
  }

  /**
   * Flash-repays `repay` WETH of debt, withdraws and swaps enough LST to receive `receive` ETH
   * (the flash plus whatever the caller keeps), repays the flash; gas on the last leg.
   */
  private unwind(ctx: StrategyContext, repay: number, receive: number, gasUnits: number, reason: DecisionReason): void {
    const k = ctx.k;
    const r = this.market.lstRate[k] as number;
    const m = this.market.lstMarket[k] as number;
    const c = this.venue.lstSwapCost(receive, k);
    const units = receive / (m * (1 - c));
    const s = this.read(k);
    const supplied = s.collateral / r;
    const w = Math.min(units, supplied);
    if (!(w > 0)) return;
    // with nothing to repay (LTV already under target) the group is a plain withdraw-and-swap
    const flash = repay > 1e-12;
    const orders: DefiOrder[] = [
      ...(flash
        ? [
            { venue: "wallet", operation: "flash_borrow", asset: "WETH", amount: repay, reason, gasUnits: 0 } as const,
            { venue: "aave_v3", operation: "repay", asset: "WETH", amount: repay, reason, gasUnits: 0 } as const,
          ]
        : []),
      { venue: "aave_v3", operation: "withdraw", asset: this.market.lst, amount: w, reason, gasUnits: 0 },
      { venue: "wallet", operation: "swap", asset: this.market.lst, side: "sell", amount: w, reason, gasUnits: flash ? 0 : gasUnits },
      ...(flash ? [{ venue: "wallet", operation: "flash_repay", asset: "WETH", amount: repay * (1 + this.flashFee), reason, gasUnits } as const] : []),
    ];
    ctx.executeAtomic(orders);
  }

  /**
   * Releases about `x` net ETH into the wallet at constant λ (domain §3.8, two swaps: the second,
   * ETH → USDT, is the caller's): repay λx/(1−λ), withdraw and swap enough LST to cover it and x.
   */
  release(ctx: StrategyContext, x: number, reason: DecisionReason): void {
    const k = ctx.k;
    const s = this.read(k);
    const lam = this.lambda;
    // k = ETH per ETH of collateral swapped (m/r and the DEX cost); cost-free pass picks the bucket
    const r = this.market.lstRate[k] as number;
    const m = this.market.lstMarket[k] as number;
    const r0 = releaseRepay(s.collateral, s.debt, lam, x, m / r, this.flashFee);
    const kf = (m / r) * (1 - this.venue.lstSwapCost(r0 * (1 + this.flashFee) + x, k));
    const repay = Math.max(0, Math.min(s.debt, releaseRepay(s.collateral, s.debt, lam, x, kf, this.flashFee)));
    this.unwind(ctx, repay, repay * (1 + this.flashFee) + x, GAS_UNITS.ATOMIC_DELEVERAGE_TWO_SWAPS, reason);
  }

  /** Full unwind (ATOMIC_DELEVERAGE_ONE_SWAP): flash D, repay, withdraw everything, swap it all, repay the flash. */
  exit(ctx: StrategyContext, reason: DecisionReason): void {
    const k = ctx.k;
    const s = this.read(k);
    const r = this.market.lstRate[k] as number;
    const supplied = s.collateral / r;
    if (!(supplied > 0)) return;
    const held = ctx.ledger[this.walletLst] as number;
    const orders: DefiOrder[] = [];
    if (s.debt > 0) {
      orders.push({ venue: "wallet", operation: "flash_borrow", asset: "WETH", amount: s.debt, reason, gasUnits: 0 });
      orders.push({ venue: "aave_v3", operation: "repay", asset: "WETH", amount: s.debt, reason, gasUnits: 0 });
    }
    orders.push({ venue: "aave_v3", operation: "withdraw", asset: this.market.lst, amount: supplied, reason, gasUnits: 0 });
    orders.push({ venue: "wallet", operation: "swap", asset: this.market.lst, side: "sell", amount: supplied + held, reason, gasUnits: s.debt > 0 ? 0 : GAS_UNITS.ATOMIC_DELEVERAGE_ONE_SWAP });
    if (s.debt > 0) orders.push({ venue: "wallet", operation: "flash_repay", asset: "WETH", amount: s.debt * (1 + this.flashFee), reason, gasUnits: GAS_UNITS.ATOMIC_DELEVERAGE_ONE_SWAP });
    ctx.executeAtomic(orders);
  }

  /**
   * The protocol's liquidation when HF < 1 (domain §3.3): repay closeFactor·D, seize with the bonus,
   * repeated while HF < 1. Runs before any strategy decision of the tick; returns the steps taken.
   */
  liquidateIfUnderwater(ctx: StrategyContext): number {
    const k = ctx.k;
    let n = 0;
    for (let s = this.read(k); s.debt > 0 && s.hf < 1 && n < 50; s = this.read(k)) {
      const hf = s.hf;
      const debtBefore = s.debt;
      const order: DefiOrder = { venue: "aave_v3", operation: "repay", asset: "WETH", amount: this.params.closeFactor * s.debt, reason: "risk_override", liquidation: true };
      const hs = ctx.execute(order);
      const penaltyEth = hs.costUsdt / (this.market.ethUsdt[k] as number);
      const after = this.read(k);
      ctx.emit("PositionLiquidated", { venue: "aave_v3", healthFactor: hf, repaidEth: debtBefore - after.debt, penaltyEth, ethUsdt: this.market.ethUsdt[k] as number, healthFactorAfter: Number.isFinite(after.hf) ? after.hf : null }, "HIGH", "aave_v3");
      n++;
    }
    return n;
  }
}
