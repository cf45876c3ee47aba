// Component health reports mean processing time only when the engine is given a timer (live), and
// the timer never changes results (determinism).
import { describe, expect, it } from "vitest";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { BacktestClock, HOUR_MS } from "./core/clock";
import { DataProvider } from "./components/data-provider";
import { EventLogger } from "./components/event-logger";
import { getModeSchema } from "./config/modes";
import { createEngine } from "./kernel";
import { wireBacktest } from "./wire-backtest";

const data = generateSyntheticData({ end: "2024-01-15T00:00:00Z" });
const start = Date.UTC(2024, 0, 1);
const end = Date.UTC(2024, 0, 10);

function build(timer?: () => number) {
  const params = getModeSchema("btc_basis").parse({});
  const provider = new DataProvider(data, start, end, HOUR_MS, params.maxStaleHours);
  const logger = new EventLogger(null, null);
  const wiring = wireBacktest("btc_basis", params, provider, 100_000, logger);
  return createEngine({ clock: new BacktestClock(start, end), data: provider, venues: wiring.venues, sink: null, logger, config: wiring.config, timer });
}

describe("engine health timer", () => {
  it("reports a mean processing time per component with a timer, none without, same results", () => {
    let fake = 0;
    const timed = build(() => (fake += 0.5));
    timed.run();
    const plain = build();
    plain.run();
    const withTimer = timed.status();
    const without = plain.status();
    const positions = withTimer.components.find((c) => c.component === "position-monitor");
    expect(positions?.metrics.meanProcessingMs).toBe(0.5);
    expect(positions?.metrics.updates).toBe((end - start) / HOUR_MS + 1);
    expect(without.components.every((c) => c.metrics.meanProcessingMs === null)).toBe(true);
    expect(Array.from(timed.state.nav)).toEqual(Array.from(plain.state.nav));
  });
});
