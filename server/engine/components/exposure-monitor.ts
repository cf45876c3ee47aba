// Exposure monitor: values every key, equity, idle cash, value per venue, net delta per asset
// (domain §3.10), gross exposure and perp notional, from the ledger at tick k.
import { EngineComponent } from "../core/component";
import { DELTA_ASSETS, POSITION_VENUES } from "../types";
import type { PerpSlot } from "./position-monitor";
import type { SlotValuation } from "./valuation";

export class ExposureMonitor extends EngineComponent {
  private readonly slots: readonly SlotValuation[];
  private readonly perps: readonly PerpSlot[];
  /** Share-class price per delta asset (BTC, ETH), per tick; null when the run has no price for it. */
  private readonly assetPx: readonly (Float64Array | null)[];
  /** Whether the share class is itself a delta asset (ETH class: delta target is equity). */
  private readonly targetIsEquity: boolean;
  equity = 0;
  cash = 0;
  gross = 0;
  perpNotional = 0;
  netDeltaValue = 0;
  deltaRatio = 0;
  readonly byVenue = new Float64Array(POSITION_VENUES.length);
  readonly netDelta = new Float64Array(DELTA_ASSETS.length);

  constructor(slots: readonly SlotValuation[], perps: readonly PerpSlot[], assetPx: readonly (Float64Array | null)[], targetIsEquity: boolean) {
    super("exposure-monitor");
    this.slots = slots;
    this.perps = perps;
    this.assetPx = assetPx;
    this.targetIsEquity = targetIsEquity;
  }

  update(k: number, ledger: Float64Array): void {
    let equity = 0;
    let cash = 0;
    let gross = 0;
    const byVenue = this.byVenue;
    const nd = this.netDelta;
    byVenue.fill(0);
    nd.fill(0);
    for (let s = 0; s < this.slots.length; s++) {
      const q = ledger[s] as number;
      if (q === 0) continue;
      const v = this.slots[s] as SlotValuation;
      if (v.price === null) continue;
      let units = v.index !== null ? q * (v.index[k] as number) : q;
      if (v.rate !== null) units *= v.rate[k] as number;
      const value = v.sign * units * (v.price[k] as number);
      equity += value;
      byVenue[v.venue] = (byVenue[v.venue] as number) + value;
      if (v.isCash) cash += value;
      else gross += Math.abs(value);
      if (v.deltaAsset >= 0) nd[v.deltaAsset] = (nd[v.deltaAsset] as number) + v.sign * units;
    }
    let perpNotional = 0;
    for (let j = 0; j < this.perps.length; j++) {
      const p = this.perps[j] as PerpSlot;
      const size = ledger[p.sizeSlot] as number;
      if (size === 0) continue;
      perpNotional += Math.abs(size) * (p.mark[k] as number);
      const a = p.asset === "BTC" ? 0 : 1;
      nd[a] = (nd[a] as number) + size;
    }
    let ndv = 0;
    for (let a = 0; a < nd.length; a++) {
      const px = this.assetPx[a];
      if (px && nd[a] !== 0) ndv += (nd[a] as number) * (px[k] as number);
    }
    this.equity = equity;
    this.cash = cash;
    this.gross = gross + perpNotional;
    this.perpNotional = perpNotional;
    this.netDeltaValue = ndv;
    const target = this.targetIsEquity ? equity : 0;
    this.deltaRatio = equity > 0 ? Math.abs(ndv - target) / equity : 0;
  }
}
