// Synthetic 1-minute perp bars for a short window (the real data has 1-minute ETHUSDT perp samples
// for a few days in late September 2025): a Brownian bridge inside each hour from the hourly bar's
// open to its close, kept inside the hour's high/low, so minute and hour bars agree.
import type { Rng } from "./rng";

const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;

/**
 * Minute bars for hourly bars [fromHour, hourTime.length): `hourly` holds open/high/low/close/volume
 * of the venue's hourly series; minute volume splits the hour's volume with random weights.
 */
export function buildMinuteBars(
  hourTime: Float64Array,
  hourly: Readonly<Record<string, Float64Array>>,
  fromHour: number,
  rng: Rng,
): { time: Float64Array; fields: Record<string, Float64Array> } {
  const hours = hourTime.length - fromHour;
  const n = hours * MINUTES_PER_HOUR;
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const path = new Float64Array(MINUTES_PER_HOUR + 1);
  const weights = new Float64Array(MINUTES_PER_HOUR);
  const col = (f: string): Float64Array => {
    const a = hourly[f];
    if (!a) throw new Error(`hourly bars lack ${f}`);
    return a;
  };
  const [hOpen, hHigh, hLow, hClose, hVolume] = [col("open"), col("high"), col("low"), col("close"), col("volume")];
  for (let h = 0; h < hours; h++) {
    const k = fromHour + h;
    const o = hOpen[k] as number;
    const c = hClose[k] as number;
    const hi = hHigh[k] as number;
    const lo = hLow[k] as number;
    // log-space bridge: the hour's range sets the per-minute scale
    const sd = Math.log(hi / lo) / 4 / Math.sqrt(MINUTES_PER_HOUR);
    path[0] = 0;
    for (let m = 1; m <= MINUTES_PER_HOUR; m++) path[m] = (path[m - 1] as number) + sd * rng.normal();
    const end = path[MINUTES_PER_HOUR] as number;
    const lnO = Math.log(o);
    const lnC = Math.log(c);
    const px = (m: number): number => {
      const f = m / MINUTES_PER_HOUR;
      const v = Math.exp(lnO + (path[m] as number) - f * end + f * (lnC - lnO));
      return Math.min(hi, Math.max(lo, v));
    };
    let wSum = 0;
    for (let m = 0; m < MINUTES_PER_HOUR; m++) {
      weights[m] = Math.exp(0.5 * rng.normal());
      wSum += weights[m] as number;
    }
    for (let m = 0; m < MINUTES_PER_HOUR; m++) {
      const i = h * MINUTES_PER_HOUR + m;
      const mo = m === 0 ? o : px(m);
      const mc = m === MINUTES_PER_HOUR - 1 ? c : px(m + 1);
      const wiggle = Math.abs(rng.normal()) * sd * 0.5;
      time[i] = (hourTime[k] as number) + m * MINUTE_MS;
      open[i] = mo;
      close[i] = mc;
      high[i] = Math.min(hi, Math.max(mo, mc) * Math.exp(wiggle));
      low[i] = Math.max(lo, Math.min(mo, mc) * Math.exp(-wiggle));
      volume[i] = ((hVolume[k] as number) * (weights[m] as number)) / wSum;
    }
  }
  return { time, fields: { open, high, low, close, volume } };
}
