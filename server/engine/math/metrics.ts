// Run metrics from the hourly NAV path (domain §5): return, APY, daily-return volatility, Sharpe,
// Sortino, max drawdown and its duration. Pure; null when a metric is undefined.
import { DAY_MS, HOUR_MS } from "../core/clock";

export interface NavMetrics {
  totalReturn: number;
  apy: number | null;
  apr: number | null;
  apyFlagged: boolean;
  annualVolatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number;
  maxDrawdownDays: number;
  maxDrawdownUnrecovered: boolean;
}

/**
 * `nav[i]` is the NAV at `start + i·stepMs` (i = 0..n−1); NAV before the first tick is 1 so entry
 * costs count. Daily returns use NAV at start + k·24h for k = 0..⌊hours/24⌋.
 */
export function computeNavMetrics(nav: Float64Array, n: number, stepMs: number, riskFreeRate: number): NavMetrics {
  const navEnd = n > 0 ? (nav[n - 1] as number) : 1;
  const spanMs = n > 0 ? (n - 1) * stepMs : 0;
  const days = spanMs / DAY_MS;
  const totalReturn = navEnd - 1;
  const apy = days > 0 && navEnd > 0 ? Math.pow(navEnd, 365 / days) - 1 : null;
  const apr = days > 0 ? (totalReturn * 365) / days : null;

  // daily returns, starting from NAV 1 (before the first tick acts)
  const perDay = DAY_MS / stepMs;
  const hours = spanMs / HOUR_MS;
  const K = Math.floor(hours / 24);
  let annualVolatility: number | null = null;
  let sharpe: number | null = null;
  let sortino: number | null = null;
  if (K >= 2 && Number.isInteger(perDay)) {
    const rfd = Math.pow(1 + riskFreeRate, 1 / 365) - 1;
    let prev = 1;
    let sum = 0;
    const rets = new Float64Array(K);
    for (let k = 1; k <= K; k++) {
      const cur = nav[k * perDay] as number;
      const r = cur / prev - 1;
      rets[k - 1] = r;
      sum += r;
      prev = cur;
    }
    const mean = sum / K;
    let ss = 0;
    let down = 0;
    for (let k = 0; k < K; k++) {
      const r = rets[k] as number;
      ss += (r - mean) * (r - mean);
      const ex = Math.min(0, r - rfd);
      down += ex * ex;
    }
    const sd = Math.sqrt(ss / (K - 1));
    annualVolatility = sd * Math.sqrt(365);
    sharpe = sd > 0 ? ((mean - rfd) / sd) * Math.sqrt(365) : null;
    const dd = Math.sqrt(down / K);
    sortino = dd > 0 ? ((mean - rfd) / dd) * Math.sqrt(365) : null;
  }

  // max drawdown over hourly NAV, with the peak at 1 before the first tick
  let peak = 1;
  let peakIdx = -1;
  let maxDd = 0;
  let ddPeakIdx = -1;
  let ddPeakVal = 1;
  let ddTroughIdx = -1;
  for (let i = 0; i < n; i++) {
    const v = nav[i] as number;
    if (v > peak) {
      peak = v;
      peakIdx = i;
    }
    const dd = 1 - v / peak;
    if (dd > maxDd) {
      maxDd = dd;
      ddPeakIdx = peakIdx;
      ddPeakVal = peak;
      ddTroughIdx = i;
    }
  }
  let maxDrawdownDays = 0;
  let unrecovered = false;
  if (maxDd > 0) {
    let rec = -1;
    for (let i = ddTroughIdx + 1; i < n; i++) {
      if ((nav[i] as number) >= ddPeakVal) {
        rec = i;
        break;
      }
    }
    const from = ddPeakIdx < 0 ? 0 : ddPeakIdx;
    const to = rec < 0 ? n - 1 : rec;
    unrecovered = rec < 0;
    maxDrawdownDays = ((to - from) * stepMs) / DAY_MS;
  }
  return {
    totalReturn,
    apy,
    apr,
    apyFlagged: days < 30,
    annualVolatility,
    sharpe,
    sortino,
    maxDrawdown: maxDd,
    maxDrawdownDays,
    maxDrawdownUnrecovered: unrecovered,
  };
}
