// Pure lending (domain §2.4, §2.5): supply E − gas to AAVE at the first tick, supply idle balance
// above the deviation threshold, withdraw everything on the last tick when closeAtEnd.
import type { LendingParams } from "../config/lending-params";
import { GAS_UNITS } from "../venues/cost-model";
import type { SimulatedChain } from "../venues/simulated-chain";
import type { KeyRegistry } from "../core/position-keys";
import type { Strategy, StrategyContext } from "./strategy";

/** Keys of a lending mode: the wallet balance and the aToken of its reserve. */
export function lendingKeys(asset: "USDT" | "ETH"): string[] {
  return [`wallet:BaseToken:${asset}`, `aave_v3:aToken:a${asset === "ETH" ? "WETH" : "USDT"}`];
}

export class LendingStrategy implements Strategy {
  readonly name = "lending";
  readonly keys: readonly string[];
  private readonly asset: "USDT" | "ETH";
  private readonly params: LendingParams;
  private readonly chain: SimulatedChain;
  /** Gas price conversion: ETH → the supplied asset (1 for ETH, ETH/USDT for USDT). */
  private readonly gasToAsset: Float64Array | null;
  private walletSlot = -1;
  private aSlot = -1;
  private readonly index: Float64Array;
  entered = false;

  constructor(asset: "USDT" | "ETH", params: LendingParams, chain: SimulatedChain, index: Float64Array, gasToAsset: Float64Array | null) {
    this.asset = asset;
    this.params = params;
    this.chain = chain;
    this.index = index;
    this.gasToAsset = gasToAsset;
    this.keys = lendingKeys(asset);
  }

  bind(keys: KeyRegistry): void {
    this.walletSlot = keys.slot(this.keys[0] as string);
    this.aSlot = keys.slot(this.keys[1] as string);
  }

  private gasInAsset(units: number, k: number): number {
    const eth = this.chain.gasQuoteEth(units, k);
    return this.gasToAsset ? eth * (this.gasToAsset[k] as number) : eth;
  }

  step(ctx: StrategyContext): void {
    const k = ctx.k;
    const wallet = ctx.ledger[this.walletSlot] as number;
    if (!this.entered) {
      const gas = this.gasInAsset(GAS_UNITS.APPROVAL_ONCE + GAS_UNITS.COLLATERAL_SUPPLIED, k);
      // a withdrawal due this tick stays in the wallet
      const amount = wallet - ctx.withdrawal - gas;
      if (amount > 0) {
        ctx.decide("entry_full", "initial", { amount });
        ctx.execute({ venue: "aave_v3", operation: "supply", asset: this.asset, amount, reason: "initial" });
        this.entered = true;
      }
      return;
    }
    if (ctx.last && this.params.closeAtEnd) {
      const supplied = (ctx.ledger[this.aSlot] as number) * (this.index[k] as number);
      if (supplied > 0) {
        ctx.decide("exit_full", "end_of_run", { amount: supplied });
        ctx.execute({ venue: "aave_v3", operation: "withdraw", asset: this.asset, amount: supplied, reason: "end_of_run" });
      }
      return;
    }
    if (ctx.withdrawal > 0) {
      // fast path: the wallet already holds it; else withdraw the shortfall plus the withdrawal gas
      if (wallet >= ctx.withdrawal) return;
      const supplied = (ctx.ledger[this.aSlot] as number) * (this.index[k] as number);
      const amount = Math.min(supplied, ctx.withdrawal - wallet + this.gasInAsset(GAS_UNITS.COLLATERAL_WITHDRAWN, k));
      if (amount > 0) {
        ctx.decide(amount >= supplied ? "exit_full" : "exit_partial", "withdrawal", { amount });
        ctx.execute({ venue: "aave_v3", operation: "withdraw", asset: this.asset, amount, reason: "withdrawal" });
      }
      return;
    }
    const e = ctx.equity();
    // deposits are supplied in the same tick; other idle balance once above the deviation threshold
    if (ctx.deposit > 0 || wallet > this.params.positionDeviationThreshold * e) {
      const gas = this.gasInAsset(GAS_UNITS.COLLATERAL_SUPPLIED, k);
      const amount = wallet - gas;
      if (amount > 0) {
        ctx.decide("entry_partial", "deposit", { amount });
        ctx.execute({ venue: "aave_v3", operation: "supply", asset: this.asset, amount, reason: "deposit" });
      }
    }
  }
}
