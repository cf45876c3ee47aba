// Benchmark: engine steps per second for every mode over the full synthetic period, the data set's
// load (generation) time and peak RSS. Goals (figures, not tests): ≥ 2,000,000 steps/s for pure
// lending, ≥ 500,000 steps/s for basis modes (300,000 for the market-neutral modes), a full 21-month hourly run under 50 ms.
import { MODE_IDS, MODE_INFO, type ModeId } from "../engine/config/modes";
import { runBacktest } from "../engine/run-backtest";
import { generateSyntheticData, SYNTHETIC_DEFAULTS } from "../market-data/synthetic/generate";

export const ENGINE_GOALS = { lending: 2_000_000, basis: 500_000, marketNeutral: 300_000, fullRunSeconds: 0.05 } as const;

/** Steps/s goal of a mode: lending 2M, market-neutral 300k (issue 6), every other mode the basis 500k. */
export function engineGoalFor(mode: ModeId): number {
  const family = MODE_INFO[mode].family;
  return family === "lending" ? ENGINE_GOALS.lending : family === "market_neutral" ? ENGINE_GOALS.marketNeutral : ENGINE_GOALS.basis;
}

export interface EngineModeMeasurement {
  mode: ModeId;
  steps: number;
  /** Median seconds of one whole backtest (validation, data alignment, wiring and every tick). */
  seconds: number;
  stepsPerSecond: number;
  peakRssMb: number;
}

export interface EngineBenchResult {
  dataLoadSeconds: number;
  modes: EngineModeMeasurement[];
}

export interface BenchEngineOptions {
  /** Timed runs per mode (median reported); default 9. */
  repeats?: number;
  /** Untimed warm-up runs per mode; default 3. */
  warmup?: number;
  modes?: readonly ModeId[];
  log?: (line: string) => void;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export function benchEngine(opts: BenchEngineOptions = {}): EngineBenchResult {
  const repeats = opts.repeats ?? 9;
  const warmup = opts.warmup ?? 3;
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const data = generateSyntheticData();
  const dataLoadSeconds = (performance.now() - t0) / 1000;
  log(`synthetic data generated in ${dataLoadSeconds.toFixed(3)} s`);
  // the whole synthetic period, first to last hourly tick
  const start = Date.parse(SYNTHETIC_DEFAULTS.start);
  const end = Date.parse(SYNTHETIC_DEFAULTS.end);
  const modes: EngineModeMeasurement[] = [];
  for (const mode of opts.modes ?? MODE_IDS) {
    let steps = 0;
    for (let i = 0; i < warmup; i++) runBacktest({ mode, data, start, end, capital: 100_000 });
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const s = performance.now();
      steps = runBacktest({ mode, data, start, end, capital: 100_000 }).steps;
      times.push((performance.now() - s) / 1000);
    }
    const seconds = median(times);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const m = { mode, steps, seconds, stepsPerSecond: steps / seconds, peakRssMb };
    modes.push(m);
    const goal = engineGoalFor(mode);
    log(
      `${mode.padEnd(20)} ${steps} steps in ${(seconds * 1000).toFixed(2)} ms = ${Math.round(m.stepsPerSecond).toLocaleString("en-US")} steps/s ` +
        `(goal ${goal.toLocaleString("en-US")}: ${m.stepsPerSecond >= goal ? "met" : "NOT met"}), peak RSS ${peakRssMb.toFixed(0)} MB`,
    );
  }
  return { dataLoadSeconds, modes };
}
