// Rule-based trend signal (domain §2.12): target = sign(MA_fast − MA_slow) over completed closes
// (defaults 24 and 168 hourly bars); no opinion until the slow window is full. Documented baseline,
// not a forecast: it is long in up-trends, short in down-trends and flat when the averages are equal.
import type { BarWindow, SignalOutput, SignalSource } from "./signal";

export class MovingAverageTrendSignal implements SignalSource {
  readonly name: string;
  private readonly fast: number;
  private readonly slow: number;
  private readonly out = { target: 0 };

  constructor(fast = 24, slow = 168) {
    if (!(fast >= 1 && slow > fast)) throw new Error(`moving-average windows need 1 ≤ fast < slow (got ${fast}, ${slow})`);
    this.fast = fast;
    this.slow = slow;
    this.name = `ma_trend(${fast},${slow})`;
  }

  signal(_t: number, bars: BarWindow): SignalOutput | null {
    const c = bars.close;
    const n = c.length;
    if (n < this.slow) return null;
    let sf = 0;
    let ss = 0;
    for (let i = n - this.slow; i < n; i++) {
      const v = c[i] as number;
      ss += v;
      if (i >= n - this.fast) sf += v;
    }
    const d = sf / this.fast - ss / this.slow;
    this.out.target = d > 0 ? 1 : d < 0 ? -1 : 0;
    return this.out;
  }
}
