// Synthetic AAVE v3 reserves: utilisation follows a mean-reverting walk, rates come from AAVE's
// two-slope interest-rate curve (domain §3.2), and the indices accrue hourly from those APRs:
// I(t+1) = I(t)·(1 + APR(t)/8760).
import type { Rng } from "./rng";

export interface ReserveParams {
  /** utilisation: long-run mean, stationary stdev and hourly AR(1) coefficient */
  readonly utilMean: number;
  readonly utilSd: number;
  readonly utilPhi: number;
  /** rate curve: borrow = base + slope1·U/Uopt, plus slope2·(U−Uopt)/(1−Uopt) above Uopt */
  readonly optimalUtil: number;
  readonly baseRate: number;
  readonly slope1: number;
  readonly slope2: number;
  readonly reserveFactor: number;
  /** normalised indices at the first hour */
  readonly liquidityIndex0: number;
  readonly borrowIndex0: number;
}

/** Variable borrow APR from AAVE's two-slope curve. */
export function borrowAprAt(u: number, p: ReserveParams): number {
  const below = p.baseRate + p.slope1 * Math.min(u, p.optimalUtil) / p.optimalUtil;
  return u <= p.optimalUtil ? below : below + p.slope2 * (u - p.optimalUtil) / (1 - p.optimalUtil);
}

/** Builds the aave series fields except the oracle price. */
export function simulateReserve(n: number, p: ReserveParams, rng: Rng): Record<string, Float64Array> {
  const liquidityIndex = new Float64Array(n);
  const variableBorrowIndex = new Float64Array(n);
  const supplyApr = new Float64Array(n);
  const borrowApr = new Float64Array(n);
  const innov = p.utilSd * Math.sqrt(1 - p.utilPhi * p.utilPhi);
  let u = p.utilMean + p.utilSd * rng.normal();
  let li = p.liquidityIndex0;
  let bi = p.borrowIndex0;
  for (let k = 0; k < n; k++) {
    u = Math.min(0.99, Math.max(0.001, u));
    const b = borrowAprAt(u, p);
    const s = b * u * (1 - p.reserveFactor);
    borrowApr[k] = b;
    supplyApr[k] = s;
    liquidityIndex[k] = li;
    variableBorrowIndex[k] = bi;
    li *= 1 + s / 8760;
    bi *= 1 + b / 8760;
    // demand shocks are fat-tailed: utilisation spikes are what make rates jump
    u = p.utilMean + p.utilPhi * (u - p.utilMean) + innov * rng.studentT(4);
  }
  return { liquidityIndex, variableBorrowIndex, supplyApr, borrowApr };
}

/** A stablecoin oracle price: 1 plus a small mean-reverting deviation. */
export function simulateStableOracle(n: number, sd: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  const phi = 0.98;
  const innov = sd * Math.sqrt(1 - phi * phi);
  let x = sd * rng.normal();
  for (let k = 0; k < n; k++) {
    out[k] = 1 + x;
    x = phi * x + innov * rng.normal();
  }
  return out;
}
