// Stats on the real ../shared/data: every series answers, and the README's cross-checks hold.

import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDirectory } from "./import/load-directory";
import { computeSeriesStats, DAY_MS } from "./stats";

const DIR = path.resolve(process.cwd(), "../shared/data");
const present = existsSync(DIR);
if (!present) console.warn(`[stats-real-data.test] ${DIR} is absent: skipping the real-data stats tests`);

// Loaded once, outside describe: vitest still runs a skipped describe's body to collect its tests.
const loaded = present ? await loadDirectory(DIR) : undefined;

describe.skipIf(!loaded)("stats on ../shared/data", () => {
  if (!loaded) return;
  const { data } = loaded;
  const Y24 = Date.UTC(2024, 0, 1);
  const Y25 = Date.UTC(2025, 0, 1);

  it("answers for every series on its first whole UTC day (1-minute samples: their first whole hour)", () => {
    for (const s of data.series.values()) {
      const first = s.time[0] as number;
      const unit = s.id.endsWith(":1m") ? 3_600_000 : DAY_MS;
      const from = Math.ceil(first / unit) * unit;
      expect(() => computeSeriesStats(s, from, from + unit), s.id).not.toThrow();
    }
  });

  it("AAVE USDT 2024: APY from index ≈ exp(mean APR) − 1 (README §3: within ~0.1 pp in log terms)", () => {
    const s = data.series.get("aave:USDT");
    if (!s) throw new Error("missing");
    const st = computeSeriesStats(s, Y24, Y25) as { supplyApyFromIndex: number; meanSupplyApr: number; borrowApyFromIndex: number; meanBorrowApr: number };
    expect(Math.abs(Math.log(1 + st.supplyApyFromIndex) - st.meanSupplyApr)).toBeLessThan(0.002);
    expect(Math.abs(Math.log(1 + st.borrowApyFromIndex) - st.meanBorrowApr)).toBeLessThan(0.003);
  });

  it("Binance BTC funding 2024: complete, so both annualisations agree; 1098 settlements", () => {
    const s = data.series.get("funding:binance:BTCUSDT");
    if (!s) throw new Error("missing");
    const f = computeSeriesStats(s, Y24, Y25) as { events: number; annualizedCalendar: number; annualizedPerEvent: number };
    expect(f.events).toBe(366 * 3);
    expect(f.annualizedCalendar).toBeCloseTo(f.annualizedPerEvent, 12);
  });

  it("BTC spot January 2024: 744 bars, opening at the first trade price of 2024", () => {
    const s = data.series.get("spot:binance:BTCUSDT");
    if (!s) throw new Error("missing");
    expect(computeSeriesStats(s, Y24, Date.UTC(2024, 1, 1))).toMatchObject({ bars: 744, firstOpen: 42283.58 });
  });

  it("wstETH LST yield over a year is a plausible staking APY (2–4.5 %)", () => {
    const s = data.series.get("lst:wstETH");
    if (!s) throw new Error("missing");
    const { apy } = computeSeriesStats(s, Date.UTC(2024, 5, 1), Date.UTC(2025, 5, 1)) as { apy: number };
    expect(apy).toBeGreaterThan(0.02);
    expect(apy).toBeLessThan(0.045);
  });
});
