// PnL calculator: balance PnL is the truth (ΔV − flows); attribution by the exact sequential rule
// (index → price, earlier factors new, later old), settlements and trade costs; the residual must
// stay within 1e-7 × capital per tick and cumulatively (PNL-001), equity finite (PNL-002).
import { EngineComponent } from "../core/component";
import { EngineError } from "../core/errors";
import { ATTRIBUTION_TERMS } from "../types";
import type { SlotValuation } from "./valuation";

export class PnlCalculator extends EngineComponent {
  /** This tick's increments in ATTRIBUTION_TERMS order (funding … gas). */
  readonly incr = new Float64Array(ATTRIBUTION_TERMS.length);
  readonly totals = new Float64Array(ATTRIBUTION_TERMS.length);
  residual = 0;
  totalResidual = 0;
  maxAbsResidual = 0;
  prevEquity: number;
  private readonly tolerance: number;
  private readonly slots: readonly SlotValuation[];

  constructor(capital: number, slots: readonly SlotValuation[]) {
    super("pnl-calculator");
    this.prevEquity = capital;
    this.tolerance = 1e-7 * capital;
    this.slots = slots;
  }

  /** Starts tick k: books the market move of the positions held at the end of k−1. */
  beginTick(k: number, ledger: Float64Array): void {
    const incr = this.incr;
    incr.fill(0);
    if (k === 0) return;
    for (let s = 0; s < this.slots.length; s++) {
      const q = ledger[s] as number;
      if (q === 0) continue;
      const v = this.slots[s] as SlotValuation;
      const price = v.price;
      if (price === null) continue;
      const p0 = price[k - 1] as number;
      const p1 = price[k] as number;
      const sq = v.sign * q;
      // exact sequential rule: factors ordered index → r → price; earlier factors new, later old
      const i0 = v.index !== null ? (v.index[k - 1] as number) : 1;
      const i1 = v.index !== null ? (v.index[k] as number) : 1;
      const r0 = v.rate !== null ? (v.rate[k - 1] as number) : 1;
      const r1 = v.rate !== null ? (v.rate[k] as number) : 1;
      if (i1 !== i0) incr[v.indexTerm] = (incr[v.indexTerm] as number) + sq * (i1 - i0) * r0 * p0;
      if (r1 !== r0) incr[3] = (incr[3] as number) + sq * i1 * (r1 - r0) * p0;
      if (p1 !== p0) incr[4] = (incr[4] as number) + sq * i1 * r1 * (p1 - p0);
    }
  }

  /** Books one execution's costs (share-class currency, positive amounts are costs). */
  bookCosts(feesAndSlippage: number, gas: number): void {
    this.incr[5] = (this.incr[5] as number) - feesAndSlippage;
    this.incr[6] = (this.incr[6] as number) - gas;
  }

  /** Closes the tick: residual = (V − V_prev − flow) − Σ terms; fails on breach or non-finite equity. */
  closeTick(equity: number, netFlow: number, time: number): void {
    if (!Number.isFinite(equity)) throw new EngineError("PNL-002", `equity is ${equity} at ${new Date(time).toISOString()}`);
    const incr = this.incr;
    let sum = 0;
    for (let j = 0; j < incr.length; j++) {
      sum += incr[j] as number;
      this.totals[j] = (this.totals[j] as number) + (incr[j] as number);
    }
    const r = equity - this.prevEquity - netFlow - sum;
    this.residual = r;
    this.totalResidual += r;
    const a = Math.abs(r);
    if (a > this.maxAbsResidual) this.maxAbsResidual = a;
    if (a > this.tolerance || Math.abs(this.totalResidual) > this.tolerance) {
      throw new EngineError("PNL-001", `residual ${r} (cumulative ${this.totalResidual}) exceeds ${this.tolerance} at ${new Date(time).toISOString()}`);
    }
    this.prevEquity = equity;
  }
}
