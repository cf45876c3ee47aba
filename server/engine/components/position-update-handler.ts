// Position update handler: applies a confirmed execution's actual deltas to the ledger, books its
// costs into the attribution, then runs the tight loop (reconciliation → exposure → risk).
import { EngineComponent } from "../core/component";
import type { Handshake } from "../messages/orders";
import type { PnlCalculator } from "./pnl-calculator";
import type { PositionMonitor } from "./position-monitor";

export class PositionUpdateHandler extends EngineComponent {
  private readonly positions: PositionMonitor;
  private readonly pnl: PnlCalculator;
  private readonly usdtPx: Float64Array;
  private readonly ethPx: Float64Array | null;
  private readonly tightLoop: () => void;
  notionalTraded = 0;

  constructor(positions: PositionMonitor, pnl: PnlCalculator, usdtPx: Float64Array, ethPx: Float64Array | null, tightLoop: () => void) {
    super("position-update-handler");
    this.positions = positions;
    this.pnl = pnl;
    this.usdtPx = usdtPx;
    this.ethPx = ethPx;
    this.tightLoop = tightLoop;
  }

  apply(hs: Handshake, k: number): void {
    this.positions.applyDeltas(hs.deltas.keys, hs.deltas.amounts, hs.deltas.n);
    const usdt = this.usdtPx[k] as number;
    const gas = hs.gasEth > 0 ? hs.gasEth * (this.ethPx ? (this.ethPx[k] as number) : Number.NaN) : 0;
    this.pnl.bookCosts(hs.costUsdt * usdt, gas);
    // claimed staking rewards are income (stakingYield, domain §4.5 sub-line rewards)
    if (hs.incomeUsdt !== 0) this.pnl.incr[3] = (this.pnl.incr[3] as number) + hs.incomeUsdt * usdt;
    // a stop filled at its level during the last bar: the level-vs-mark part is price PnL, not cost
    if (hs.pricePnlUsdt !== 0) this.pnl.incr[4] = (this.pnl.incr[4] as number) + hs.pricePnlUsdt * usdt;
    this.notionalTraded += hs.notionalUsdt * usdt;
    this.tightLoop();
  }
}
