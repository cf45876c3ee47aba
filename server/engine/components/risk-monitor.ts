// Risk monitor: CEX margin ratio per venue, move to the first liquidation, HF/LTV where there is
// debt, the largest venue's share of the perp notional; emits RiskThresholdCrossed when a venue's
// ratio crosses the warning or critical level, or the concentration passes its limit.
import { EngineComponent } from "../core/component";
import { marginRatio, moveToLiquidation } from "../math/perps";
import { CEX_VENUES } from "../types";
import type { EventLogger } from "./event-logger";
import { marginBalance, type PerpSlot } from "./position-monitor";
import type { SlotValuation } from "./valuation";
import { healthFactor } from "../math/aave";

export interface RiskLevels {
  readonly warning: number;
  readonly critical: number;
  readonly maintenance: number;
  /** AAVE liquidation threshold of the collateral (e-mode 0.95); used only when the mode borrows. */
  readonly liquidationThreshold?: number;
  /** Largest share of the perp notional one CEX venue may carry before RiskThresholdCrossed (absent: not checked). */
  readonly maxVenueConcentration?: number;
}

export class RiskMonitor extends EngineComponent {
  private readonly perps: readonly PerpSlot[];
  private readonly levels: RiskLevels;
  private readonly log: EventLogger;
  /** Margin ratio per CEX venue (CEX_VENUES order), NaN without a position. */
  readonly margin = new Float64Array(CEX_VENUES.length).fill(Number.NaN);
  /** 0 ok, 1 below warning, 2 below critical, per venue. */
  private readonly zone = new Uint8Array(CEX_VENUES.length);
  private readonly venueIdx: Int32Array;
  liquidationDistance = Number.NaN;
  healthFactor = Number.NaN;
  ltv = Number.NaN;
  minMarginRatio = Number.POSITIVE_INFINITY;
  minHealthFactor = Number.POSITIVE_INFINITY;
  maxAbsDeltaRatio = 0;
  /** Largest share of the perp notional on one venue this tick (NaN without perps), and its run maximum. */
  venueConcentration = Number.NaN;
  maxVenueConcentration = 0;
  private concentrated = false;
  private concentrationTick = -1;

  private readonly aaveSlots: readonly { slot: number; v: SlotValuation }[];
  private readonly hasDebt: boolean;

  constructor(perps: readonly PerpSlot[], levels: RiskLevels, log: EventLogger, slots: readonly SlotValuation[] = [], aaveVenue = -1) {
    super("risk-monitor");
    this.perps = perps;
    this.aaveSlots = slots.flatMap((v, slot) => (v.venue === aaveVenue && v.price !== null ? [{ slot, v }] : []));
    this.hasDebt = this.aaveSlots.some((a) => a.v.sign < 0);
    this.levels = levels;
    this.log = log;
    this.venueIdx = Int32Array.from(perps.map((p) => (CEX_VENUES as readonly string[]).indexOf(p.venue)));
  }

  /** Lowest margin ratio over venues with a position (NaN when none). */
  lowestMargin(): number {
    let lo = Number.NaN;
    for (let v = 0; v < this.margin.length; v++) {
      const m = this.margin[v] as number;
      if (m === m && !(m >= lo)) lo = m;
    }
    return lo;
  }

  /** Venue concentration: the largest venue's share of Σ |size|·mark; an event when it first exceeds the limit. */
  private checkConcentration(k: number, t: number, ledger: Float64Array): void {
    // once per tick, on the settled book before the strategy acts (not mid-execution in the tight loop)
    if (this.perps.length < 2 || k === this.concentrationTick) return;
    this.concentrationTick = k;
    let total = 0;
    let top = 0;
    let topVenue = "";
    for (let j = 0; j < this.perps.length; j++) {
      const p = this.perps[j] as PerpSlot;
      const n = Math.abs(ledger[p.sizeSlot] as number) * (p.mark[k] as number);
      total += n;
      if (n > top) {
        top = n;
        topVenue = p.venue;
      }
    }
    const share = total > 0 ? top / total : Number.NaN;
    this.venueConcentration = share;
    if (share > this.maxVenueConcentration) this.maxVenueConcentration = share;
    const limit = this.levels.maxVenueConcentration;
    if (limit === undefined) return;
    const over = share > limit;
    if (over && !this.concentrated) this.log.emit(t, "RiskThresholdCrossed", this.name, { metric: "venueConcentration", value: share, level: limit }, "MEDIUM", topVenue);
    this.concentrated = over;
  }

  update(k: number, t: number, ledger: Float64Array, deltaRatio: number): void {
    const margin = this.margin;
    margin.fill(Number.NaN);
    let dist = Number.NaN;
    for (let j = 0; j < this.perps.length; j++) {
      const p = this.perps[j] as PerpSlot;
      const size = ledger[p.sizeSlot] as number;
      const vi = this.venueIdx[j] as number;
      if (size === 0) {
        this.zone[vi] = 0;
        continue;
      }
      const mr = marginRatio(marginBalance(p, ledger, k), size, p.mark[k] as number) as number;
      margin[vi] = mr;
      if (mr < this.minMarginRatio) this.minMarginRatio = mr;
      const d = moveToLiquidation(mr, this.levels.maintenance, size < 0);
      if (!(d >= dist)) dist = d;
      const zone = mr < this.levels.critical ? 2 : mr < this.levels.warning ? 1 : 0;
      if (zone > (this.zone[vi] as number)) {
        this.log.emit(t, "RiskThresholdCrossed", this.name, { metric: "marginRatio", value: mr, level: zone === 2 ? "critical" : "warning" }, zone === 2 ? "HIGH" : "MEDIUM", p.venue);
      }
      this.zone[vi] = zone;
    }
    this.checkConcentration(k, t, ledger);
    if (this.hasDebt) {
      // HF = LT·C/D over AAVE receipts, valued with the same factors as equity
      let c = 0;
      let d = 0;
      for (let j = 0; j < this.aaveSlots.length; j++) {
        const a = this.aaveSlots[j] as { slot: number; v: SlotValuation };
        const q = ledger[a.slot] as number;
        if (q === 0) continue;
        const v = a.v;
        let value = q * (v.price as Float64Array)[k]!;
        if (v.index !== null) value *= v.index[k] as number;
        if (v.rate !== null) value *= v.rate[k] as number;
        if (v.sign > 0) c += value;
        else d += value;
      }
      const hf = healthFactor(c, this.levels.liquidationThreshold ?? 0.95, d);
      this.healthFactor = hf ?? Number.NaN;
      this.ltv = c > 0 && d > 0 ? d / c : Number.NaN;
      if (hf !== null) {
        if (hf < this.minHealthFactor) this.minHealthFactor = hf;
        // e-mode HF moves with LST/ETH, not ETH/USD (domain §3.3): a hedged book reports the ETH/USD move
        // to its first CEX liquidation; a book without perps reports 1 − 1/HF
        const ad = 1 - 1 / hf;
        if (this.perps.length === 0 && !(ad >= dist)) dist = ad;
      }
    }
    this.liquidationDistance = dist;
    if (deltaRatio > this.maxAbsDeltaRatio) this.maxAbsDeltaRatio = deltaRatio;
  }
}
