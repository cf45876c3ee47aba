// Simulated on-chain venue of the staking modes: the wallet (ETH, USDT, LST), LST staking at the
// exchange rate `r`, DEX swaps (LST → ETH at the market rate `m`, ETH ↔ USDT at the reference spot),
// AAVE v3 e-mode (LST collateral by the LST liquidity index, WETH debt by the real borrow index,
// max-LTV and HF checks), flash loans and AAVE liquidations (close factor + bonus). Domain §2.8–2.11, §3.2–3.5, §3.9.
import type { Handshake, Order, Operation } from "../messages/orders";
import type { KeyRegistry } from "../core/position-keys";
import type { PositionVenue } from "../types";
import { GAS_UNITS, type CostModel } from "./cost-model";
import type { Venue } from "./venue";

/** An order with the staking venue's extras: gas override for atomic legs, venue-side liquidation. */
export interface DefiOrder extends Order {
  /** Gas units charged instead of the operation's default (an atomic group charges its gas on one leg). */
  readonly gasUnits?: number;
  /** AAVE liquidationCall simulated as the protocol would do it (repay closeFactor·D, seize with bonus). */
  readonly liquidation?: boolean;
  /** `claim` of matured ether.fi unstake requests (Pending → wallet ETH) rather than of rewards. */
  readonly pendingClaim?: boolean;
}

/** ether.fi's protocol unstake queue (domain §2.8): 7 days in `etherfi:Pending:ETH`, then claimed. */
export const ETHERFI_UNSTAKE_HOURS = 7 * 24;

export type LstSymbol = "weETH" | "wstETH";

/** DEX all-in bps by USD notional bucket (domain §3.9): ETH/weETH 20/24/35, ETH/wstETH 15/18/27. */
export const LST_DEX_BPS: Readonly<Record<LstSymbol, readonly [number, number, number]>> = { weETH: [20, 24, 35], wstETH: [15, 18, 27] };
const ETH_USDT_DEX_BPS = [5, 7, 13] as const;

/** Flash-loan fee per source (domain §1): Balancer and Morpho 0, AAVE 5 bps. */
export const FLASH_FEE = { balancer: 0, morpho: 0, aave: 0.0005 } as const;

export interface AaveEmode {
  readonly maxLtv: number;
  readonly liquidationThreshold: number;
  readonly liquidationBonus: number;
  /** Share of the debt a liquidation repays (AAVE: 0.5). */
  readonly closeFactor: number;
}

export interface DefiMarket {
  /** Reference ETH spot (USDT per ETH) per tick. */
  readonly ethUsdt: Float64Array;
  readonly gasGwei: Float64Array;
  readonly lst: LstSymbol;
  /** `r`: ETH per LST from the AAVE oracle ratio, per tick (the staking yield lives here). */
  readonly lstRate: Float64Array;
  /** `m`: DEX ETH per LST, per tick. */
  readonly lstMarket: Float64Array;
  /** AAVE liquidity index of the LST reserve (null: the mode does not supply). */
  readonly lstIndex: Float64Array | null;
  /** AAVE variable borrow index of WETH (null: the mode does not borrow). */
  readonly wethBorrowIndex: Float64Array | null;
  readonly emode: AaveEmode;
  /** Flash fee fraction φ. */
  readonly flashFee: number;
  /** Wallet currency gas is paid from first (the share class): the other one is the fallback. */
  readonly gasFrom: "ETH" | "USDT";
  /**
   * ether.fi rewards (weETH, base_plus_rewards): ETH per eETH-equivalent per day as of each tick
   * (`daily_yield_final`, domain §3.5); null when rewards are off.
   */
  readonly rewardsDaily?: Float64Array | null;
}

function bucket(notionalUsdt: number): 0 | 1 | 2 {
  return notionalUsdt < 50_000 ? 0 : notionalUsdt < 500_000 ? 1 : 2;
}

export class SimulatedDefi implements Venue {
  readonly venues: readonly PositionVenue[] = ["wallet", "aave_v3", "etherfi", "lido"];
  readonly operations: readonly Operation[] = ["transfer", "swap", "stake", "unstake", "supply", "withdraw", "borrow", "repay", "flash_borrow", "flash_repay", "claim"];
  private readonly book: Float64Array;
  private readonly owned: Int32Array;
  private readonly keys: KeyRegistry;
  readonly market: DefiMarket;
  private readonly cost: CostModel;
  private readonly walletEth: number;
  private readonly walletUsdt: number;
  private readonly walletLst: number;
  private readonly aLst: number;
  private readonly debtWeth: number;
  private approved = false;
  /** Flash loan outstanding inside an atomic group (must be 0 when the group ends). */
  flashOwed = 0;
  /** AAVE liquidations performed (each is one close-factor step). */
  liquidations = 0;
  /** Rewards accrued (ETH) since the last credit, pro rata to the hourly eETH-equivalent holdings. */
  pendingRewards = 0;
  private readonly pendingSlot: number;
  /** ether.fi unstake requests: ETH amount and the tick it can be claimed from. */
  private readonly unstakeQueue: { amount: number; readyTick: number }[] = [];

  constructor(keys: KeyRegistry, market: DefiMarket, cost: CostModel) {
    this.keys = keys;
    this.market = market;
    this.cost = cost;
    this.book = new Float64Array(keys.size);
    this.owned = Int32Array.from(keys.keys.flatMap((k, i) => ((this.venues as readonly string[]).includes(k.venue) ? [i] : [])));
    this.walletEth = keys.find("wallet:BaseToken:ETH");
    this.walletUsdt = keys.find("wallet:BaseToken:USDT");
    this.walletLst = keys.find(`wallet:LST:${market.lst}`);
    this.aLst = keys.find(`aave_v3:aToken:a${market.lst}`);
    this.debtWeth = keys.find("aave_v3:debtToken:debtWETH");
    this.pendingSlot = keys.find("etherfi:Pending:ETH");
  }

  /** ETH of ether.fi unstake requests that matured by tick k. */
  claimableUnstake(k: number): number {
    let s = 0;
    for (const u of this.unstakeQueue) if (u.readyTick <= k) s += u.amount;
    return s;
  }

  /** Opening balance (capital starts in the on-chain wallet). */
  fund(slot: number, amount: number): void {
    this.book[slot] = (this.book[slot] as number) + amount;
  }

  /** DEX all-in cost fraction of an LST ↔ ETH swap of `ethAmount` at tick k. */
  lstSwapCost(ethAmount: number, k: number): number {
    if (!this.cost.enabled) return 0;
    return (LST_DEX_BPS[this.market.lst][bucket(ethAmount * (this.market.ethUsdt[k] as number))] as number) * 1e-4;
  }

  /** DEX all-in cost fraction of an ETH ↔ USDT swap of `usdtNotional`. */
  ethSwapCost(usdtNotional: number): number {
    return this.cost.enabled ? (ETH_USDT_DEX_BPS[bucket(usdtNotional)] as number) * 1e-4 : 0;
  }

  /** Gas in ETH an action would cost at tick k (for sizing). */
  gasQuoteEth(units: number, k: number): number {
    return this.cost.gasEth(units, this.market.gasGwei[k] as number);
  }

  /** AAVE collateral (ETH, at `r`) and debt (ETH) of the book at tick k. */
  aavePosition(k: number): { collateral: number; debt: number } {
    const m = this.market;
    const c = this.aLst >= 0 && m.lstIndex ? (this.book[this.aLst] as number) * (m.lstIndex[k] as number) * (m.lstRate[k] as number) : 0;
    const d = this.debtWeth >= 0 && m.wethBorrowIndex ? (this.book[this.debtWeth] as number) * (m.wethBorrowIndex[k] as number) : 0;
    return { collateral: c, debt: d };
  }

  private apply(hs: Handshake, slot: number, amount: number): void {
    this.book[slot] = (this.book[slot] as number) + amount;
    hs.deltas.push(slot, amount);
  }

  private fail(hs: Handshake, code: string, detail: string): void {
    hs.status = "failed";
    hs.errorCode = code;
    hs.errorDetail = detail;
  }

  private has(slot: number, amount: number): boolean {
    // sizing leaves amounts that equal balances up to float rounding: 1e-9 relative, 1e-9 absolute slack
    return slot >= 0 && (this.book[slot] as number) >= amount * (1 - 1e-9) - 1e-9;
  }

  /** Debits `amount` from a wallet slot, clamping float dust so a balance never ends at −1e-15. */
  private debit(hs: Handshake, slot: number, amount: number): void {
    const held = this.book[slot] as number;
    this.apply(hs, slot, amount >= held ? -held : -amount);
  }

  private payGas(units: number, k: number, hs: Handshake): boolean {
    const gasEth = this.cost.gasEth(units, this.market.gasGwei[k] as number);
    if (gasEth === 0) return true;
    const px = this.market.ethUsdt[k] as number;
    const order: readonly ("ETH" | "USDT")[] = this.market.gasFrom === "ETH" ? ["ETH", "USDT"] : ["USDT", "ETH"];
    for (const cur of order) {
      const slot = cur === "ETH" ? this.walletEth : this.walletUsdt;
      const need = cur === "ETH" ? gasEth : gasEth * px;
      if (slot >= 0 && (this.book[slot] as number) >= need * (1 - 1e-9) - 1e-9) {
        this.apply(hs, slot, -need);
        hs.gasEth += gasEth;
        return true;
      }
    }
    return false;
  }

  submit(order: Order, k: number, hs: Handshake): void {
    const o = order as DefiOrder;
    const m = this.market;
    const px = m.ethUsdt[k] as number;
    const q = o.amount;
    if (!(q > 0) || !Number.isFinite(q)) return this.fail(hs, "EXEC-007", `bad amount ${q}`);
    const gas = (units: number): boolean => this.payGas(o.gasUnits ?? units, k, hs);
    switch (o.operation) {
      case "transfer": {
        const src = this.keys.find(`wallet:BaseToken:${o.asset}`);
        if (src < 0) return this.fail(hs, "POS-002", `wallet holds no ${o.asset} key`);
        if (!this.has(src, q)) return this.fail(hs, "EXEC-007", `transfer of ${q} ${o.asset} exceeds wallet balance ${this.book[src]}`);
        this.debit(hs, src, q);
        // no destination: capital paid out to the client (a withdrawal), whose side pays any gas
        if (o.toVenue && !gas(GAS_UNITS.VENUE_TRANSFER)) return this.fail(hs, "EXEC-007", "wallet cannot pay transfer gas");
        hs.transferAmount = q;
        return;
      }
      case "swap": {
        if (o.asset === "ETH") {
          // ETH ↔ USDT on a DEX at the reference spot with the ETH/USDT bps
          if (this.walletEth < 0 || this.walletUsdt < 0) return this.fail(hs, "POS-002", "ETH/USDT swap needs wallet ETH and USDT keys");
          const notional = q * px;
          const c = this.ethSwapCost(notional);
          if (o.side === "buy") {
            const spend = notional * (1 + c);
            if (!this.has(this.walletUsdt, spend)) return this.fail(hs, "EXEC-007", `swap needs ${spend} USDT, wallet has ${this.book[this.walletUsdt]}`);
            this.debit(hs, this.walletUsdt, spend);
            this.apply(hs, this.walletEth, q);
            hs.execPrice = px * (1 + c);
          } else {
            if (!this.has(this.walletEth, q)) return this.fail(hs, "EXEC-007", `swap of ${q} ETH exceeds wallet ${this.book[this.walletEth]}`);
            this.debit(hs, this.walletEth, q);
            this.apply(hs, this.walletUsdt, notional * (1 - c));
            hs.execPrice = px * (1 - c);
          }
          hs.markPrice = px;
          hs.costUsdt = notional * c;
          hs.notionalUsdt = notional;
        } else if (o.asset === m.lst && o.side === "sell") {
          // LST → ETH at the DEX rate m; the gap to the valuation rate r is booked as slippage
          if (this.walletEth < 0 || !this.has(this.walletLst, q)) return this.fail(hs, "EXEC-007", `swap of ${q} ${o.asset} exceeds wallet ${this.walletLst >= 0 ? this.book[this.walletLst] : 0}`);
          const r = m.lstRate[k] as number;
          const mk = m.lstMarket[k] as number;
          const c = this.lstSwapCost(q * r, k);
          const out = q * mk * (1 - c);
          this.debit(hs, this.walletLst, q);
          this.apply(hs, this.walletEth, out);
          hs.execPrice = mk * (1 - c) * px;
          hs.markPrice = r * px;
          hs.costUsdt = (q * r - out) * px;
          hs.notionalUsdt = q * r * px;
        } else return this.fail(hs, "VEN-001", `no swap route for ${o.side ?? "?"} ${o.asset}`);
        if (!gas(GAS_UNITS.TOKEN_SWAP)) return this.fail(hs, "EXEC-007", "wallet cannot pay swap gas");
        return;
      }
      case "stake": {
        if (o.asset !== "ETH" || this.walletLst < 0) return this.fail(hs, "VEN-001", `stake needs ETH and a wallet ${m.lst} key`);
        if (!this.has(this.walletEth, q)) return this.fail(hs, "EXEC-007", `stake of ${q} ETH exceeds wallet ${this.book[this.walletEth]}`);
        this.debit(hs, this.walletEth, q);
        this.apply(hs, this.walletLst, q / (m.lstRate[k] as number));
        if (!gas(GAS_UNITS.STAKE_DEPOSIT)) return this.fail(hs, "EXEC-007", "wallet cannot pay staking gas");
        return;
      }
      case "unstake": {
        // protocol exit at r: Lido pays the ETH at once; ether.fi queues it 7 days in Pending (claimed later)
        if (o.asset !== m.lst || !this.has(this.walletLst, q) || this.walletEth < 0) return this.fail(hs, "EXEC-007", `unstake of ${q} ${o.asset} exceeds wallet`);
        this.debit(hs, this.walletLst, q);
        const eth = q * (m.lstRate[k] as number);
        if (m.lst === "weETH") {
          if (this.pendingSlot < 0) return this.fail(hs, "POS-002", "ether.fi unstake needs the etherfi:Pending:ETH key");
          this.apply(hs, this.pendingSlot, eth);
          this.unstakeQueue.push({ amount: eth, readyTick: k + ETHERFI_UNSTAKE_HOURS });
          if (!gas(GAS_UNITS.STAKE_WITHDRAWAL)) return this.fail(hs, "EXEC-007", "wallet cannot pay unstake gas");
          return;
        }
        this.apply(hs, this.walletEth, eth);
        if (!gas(GAS_UNITS.STAKE_WITHDRAWAL)) return this.fail(hs, "EXEC-007", "wallet cannot pay unstake gas");
        return;
      }
      case "supply":
      case "withdraw": {
        if (o.asset !== m.lst || this.aLst < 0 || !m.lstIndex) return this.fail(hs, "VEN-001", `no AAVE ${o.asset} collateral route`);
        const index = m.lstIndex[k] as number;
        if (o.operation === "supply") {
          if (!this.has(this.walletLst, q)) return this.fail(hs, "EXEC-007", `supply of ${q} ${o.asset} exceeds wallet ${this.book[this.walletLst]}`);
          this.debit(hs, this.walletLst, q);
          this.apply(hs, this.aLst, q / index);
          if (!gas(GAS_UNITS.COLLATERAL_SUPPLIED + (this.approved ? 0 : GAS_UNITS.APPROVAL_ONCE + GAS_UNITS.SET_EMODE_ONCE))) return this.fail(hs, "EXEC-007", "wallet cannot pay supply gas");
          this.approved = true;
          return;
        }
        const scaled = this.book[this.aLst] as number;
        const available = scaled * index;
        if (q > available * (1 + 1e-9) + 1e-12) return this.fail(hs, "EXEC-007", `withdrawal of ${q} exceeds supplied ${available}`);
        this.apply(hs, this.aLst, q >= available ? -scaled : -q / index);
        this.apply(hs, this.walletLst, Math.min(q, available));
        const { collateral, debt } = this.aavePosition(k);
        if (debt > 1e-12 && (m.emode.liquidationThreshold * collateral) / debt < 1) return this.fail(hs, "EXEC-007", `withdrawal would take HF below 1`);
        if (!gas(GAS_UNITS.COLLATERAL_WITHDRAWN)) return this.fail(hs, "EXEC-007", "wallet cannot pay withdrawal gas");
        return;
      }
      case "borrow":
      case "repay": {
        if (o.asset !== "WETH" || this.debtWeth < 0 || !m.wethBorrowIndex || this.walletEth < 0) return this.fail(hs, "VEN-001", `no AAVE ${o.asset} debt route`);
        const j = m.wethBorrowIndex[k] as number;
        if (o.operation === "borrow") {
          this.apply(hs, this.debtWeth, q / j);
          this.apply(hs, this.walletEth, q);
          const { collateral, debt } = this.aavePosition(k);
          if (debt > collateral * m.emode.maxLtv * (1 + 1e-9)) return this.fail(hs, "EXEC-007", `borrow would take LTV to ${debt / collateral} > max ${m.emode.maxLtv}`);
          if (!gas(GAS_UNITS.LOAN_CREATED)) return this.fail(hs, "EXEC-007", "wallet cannot pay borrow gas");
          return;
        }
        const scaledDebt = this.book[this.debtWeth] as number;
        const owed = scaledDebt * j;
        if (o.liquidation) return this.liquidate(hs, k, q, owed);
        const amount = Math.min(q, owed);
        if (!this.has(this.walletEth, amount)) return this.fail(hs, "EXEC-007", `repay of ${amount} WETH exceeds wallet ${this.book[this.walletEth]}`);
        this.debit(hs, this.walletEth, amount);
        this.apply(hs, this.debtWeth, amount >= owed * (1 - 1e-12) ? -scaledDebt : -amount / j);
        if (!gas(GAS_UNITS.LOAN_REPAID)) return this.fail(hs, "EXEC-007", "wallet cannot pay repay gas");
        return;
      }
      case "flash_borrow": {
        if (o.asset !== "WETH" || this.walletEth < 0) return this.fail(hs, "VEN-001", "flash loans are in WETH to the wallet");
        this.apply(hs, this.walletEth, q);
        this.flashOwed += q * (1 + m.flashFee);
        if (!gas(0)) return this.fail(hs, "EXEC-007", "wallet cannot pay the atomic group's gas");
        return;
      }
      case "flash_repay": {
        const amount = Math.min(q, this.flashOwed);
        if (!this.has(this.walletEth, amount)) return this.fail(hs, "EXEC-007", `flash repay of ${amount} exceeds wallet ${this.book[this.walletEth]}`);
        this.debit(hs, this.walletEth, amount);
        // the fee is the part of the repayment above the principal: φ/(1+φ) of it
        hs.costUsdt = ((amount * m.flashFee) / (1 + m.flashFee)) * px;
        this.flashOwed = amount >= this.flashOwed * (1 - 1e-12) ? 0 : this.flashOwed - amount;
        if (!gas(0)) return this.fail(hs, "EXEC-007", "wallet cannot pay gas");
        return;
      }
      case "claim": {
        if (o.pendingClaim) return this.claimUnstake(hs, k, gas);
        // the weekly ether.fi credit, in ETH (no reward-token price series: domain §3.5)
        if (o.asset !== "ETH" || this.walletEth < 0) return this.fail(hs, "VEN-001", "rewards are credited in ETH to the wallet");
        const amount = Math.min(q, this.pendingRewards);
        this.apply(hs, this.walletEth, amount);
        this.pendingRewards -= amount;
        hs.incomeUsdt = amount * px;
        return;
      }
      default:
        return this.fail(hs, "VEN-001", `operation ${o.operation} has no route on the staking venue`);
    }
  }

  /** Moves every matured unstake request from Pending to wallet ETH (ether.fi claim, STAKE_WITHDRAWAL gas). */
  private claimUnstake(hs: Handshake, k: number, gas: (units: number) => boolean): void {
    const ready = this.claimableUnstake(k);
    if (!(ready > 0) || this.pendingSlot < 0) return this.fail(hs, "EXEC-007", "no matured unstake request to claim");
    const held = this.book[this.pendingSlot] as number;
    this.apply(hs, this.pendingSlot, ready >= held ? -held : -ready);
    this.apply(hs, this.walletEth, ready);
    for (let i = this.unstakeQueue.length - 1; i >= 0; i--) if ((this.unstakeQueue[i] as { readyTick: number }).readyTick <= k) this.unstakeQueue.splice(i, 1);
    if (!gas(GAS_UNITS.STAKE_WITHDRAWAL)) return this.fail(hs, "EXEC-007", "wallet cannot pay claim gas");
  }

  /**
   * AAVE liquidationCall (domain §3.3): repays R = min(requested, closeFactor·D) of the debt and
   * seizes R·(1 + bonus) ETH worth of LST collateral; the bonus is the position's loss (booked as a fee).
   */
  private liquidate(hs: Handshake, k: number, requested: number, owed: number): void {
    const m = this.market;
    if (!m.lstIndex || this.aLst < 0) return this.fail(hs, "VEN-001", "no collateral to seize");
    const { collateral, debt } = this.aavePosition(k);
    if (!(debt > 0) || (m.emode.liquidationThreshold * collateral) / debt >= 1) return this.fail(hs, "EXEC-007", "position is not liquidatable (HF ≥ 1)");
    const r = m.lstRate[k] as number;
    const index = m.lstIndex[k] as number;
    const j = m.wethBorrowIndex?.[k] as number;
    let repay = Math.min(requested, m.emode.closeFactor * owed);
    let seizeEth = repay * (1 + m.emode.liquidationBonus);
    if (seizeEth > collateral) {
      // not enough collateral for the bonus: the liquidator takes all of it for the debt it covers
      seizeEth = collateral;
      repay = collateral / (1 + m.emode.liquidationBonus);
    }
    const scaledA = this.book[this.aLst] as number;
    this.apply(hs, this.aLst, seizeEth >= collateral ? -scaledA : -seizeEth / (r * index));
    this.apply(hs, this.debtWeth, repay >= owed ? -(this.book[this.debtWeth] as number) : -repay / j);
    hs.costUsdt = (seizeEth - repay) * (m.ethUsdt[k] as number);
    hs.markPrice = r * (m.ethUsdt[k] as number);
    this.liquidations++;
  }

  receiveTransfer(venue: PositionVenue, asset: string, amount: number, hs: Handshake): void {
    this.apply(hs, this.keys.slot(`${venue}:BaseToken:${asset}`), amount);
  }

  settle(k: number): void {
    // aTokens, debt tokens and LSTs accrue through their index / exchange rate; only ether.fi rewards
    // accrue here, off the book until credited: the hour (t − 1h, t] on the holdings carried into t
    const daily = this.market.rewardsDaily;
    if (!daily || k === 0) return;
    const m = this.market;
    const r = m.lstRate[k - 1] as number;
    let units = this.walletLst >= 0 ? (this.book[this.walletLst] as number) : 0;
    if (this.aLst >= 0 && m.lstIndex) units += (this.book[this.aLst] as number) * (m.lstIndex[k - 1] as number);
    if (units > 0) this.pendingRewards += (units * r * (daily[k - 1] as number)) / 24;
  }

  reportPositions(out: Float64Array): void {
    for (let j = 0; j < this.owned.length; j++) {
      const s = this.owned[j] as number;
      out[s] = this.book[s] as number;
    }
  }

  saveBook(): Float64Array {
    const saved = new Float64Array(this.book.length + 1);
    saved.set(this.book);
    saved[this.book.length] = this.flashOwed;
    return saved;
  }

  restoreBook(saved: Float64Array): void {
    this.book.set(saved.subarray(0, this.book.length));
    this.flashOwed = saved[this.book.length] as number;
  }
}
