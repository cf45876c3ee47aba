// Commands (orders) and the venue's answer (handshake), domain §4.2. Orders are imperative;
// handshakes carry the actual position deltas the ledger applies.
import type { DecisionReason, PositionVenue } from "../types";

export const OPERATIONS = [
  "spot_trade",
  "perp_trade",
  "supply",
  "withdraw",
  "borrow",
  "repay",
  "stake",
  "unstake",
  "swap",
  "flash_borrow",
  "flash_repay",
  "transfer",
  "claim",
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface Order {
  readonly venue: PositionVenue;
  readonly operation: Operation;
  /** Symbol traded or moved: BTC, ETH, USDT, WETH… (perps: the base asset). */
  readonly asset: string;
  /** Positive quantity in `asset` units (perp: |size change|; supply/withdraw: underlying amount). */
  readonly amount: number;
  readonly side?: "buy" | "sell";
  /** Destination of a transfer; none = paid out of the book to the client (withdrawal). */
  readonly toVenue?: PositionVenue;
  readonly reason: DecisionReason;
}

/** Position deltas of one execution; a fixed-capacity buffer reused across executions. */
export class DeltaBuffer {
  n = 0;
  readonly keys = new Int32Array(32);
  readonly amounts = new Float64Array(32);
  reset(): void {
    this.n = 0;
  }
  push(key: number, amount: number): void {
    this.keys[this.n] = key;
    this.amounts[this.n] = amount;
    this.n++;
  }
}

export interface Handshake {
  orderId: number;
  status: "confirmed" | "failed" | "rolled_back";
  readonly deltas: DeltaBuffer;
  /** Fill price in USDT (trades), NaN otherwise. */
  execPrice: number;
  /** Valuation price the cost is measured against (USDT), NaN otherwise. */
  markPrice: number;
  /** Slippage vs valuation plus fee, in USDT (≥ 0). */
  costUsdt: number;
  /** Of which exchange fee, USDT. */
  feeUsdt: number;
  /** Gas burnt, in ETH. */
  gasEth: number;
  /** Traded notional in USDT. */
  notionalUsdt: number;
  /** Transfers: amount the destination receives (after deducted gas). */
  transferAmount: number;
  errorCode: string | null;
  errorDetail: string;
  /** Income credited by the execution (staking rewards claimed), USDT; booked as stakingYield. */
  incomeUsdt: number;
  /** Price PnL the fill realises against the mark (a resting stop filled at its level), USDT; booked as pricePnl. */
  pricePnlUsdt: number;
}

export function createHandshake(): Handshake {
  return {
    orderId: 0,
    status: "confirmed",
    deltas: new DeltaBuffer(),
    execPrice: Number.NaN,
    markPrice: Number.NaN,
    costUsdt: 0,
    feeUsdt: 0,
    gasEth: 0,
    notionalUsdt: 0,
    transferAmount: 0,
    errorCode: null,
    errorDetail: "",
    incomeUsdt: 0,
    pricePnlUsdt: 0,
  };
}

export function resetHandshake(h: Handshake, orderId: number): void {
  h.orderId = orderId;
  h.status = "confirmed";
  h.deltas.reset();
  h.execPrice = Number.NaN;
  h.markPrice = Number.NaN;
  h.costUsdt = 0;
  h.feeUsdt = 0;
  h.gasEth = 0;
  h.notionalUsdt = 0;
  h.transferAmount = 0;
  h.errorCode = null;
  h.errorDetail = "";
  h.incomeUsdt = 0;
  h.pricePnlUsdt = 0;
}
