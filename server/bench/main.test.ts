// The bench dispatcher: usage errors and benches whose module is not there yet exit 2 with a message;
// the engine bench returns its figures in the documented shape.
import { describe, expect, it } from "vitest";
import { benchEngine } from "./engine";
import { runBenchCommand } from "./main";

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runBenchCommand(argv, { out: (s) => ((out += s), true), err: (s) => ((err += s), true) });
  return { code, out, err };
}

describe("bench dispatcher", () => {
  it("rejects a missing or unknown bench with usage and exit 2", async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(["nope"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown bench.*nope/);
  });
  it("engine bench returns { dataLoadSeconds, modes: [{ mode, steps, seconds, stepsPerSecond, peakRssMb }] }", () => {
    const r = benchEngine({ repeats: 1, warmup: 0, modes: ["pure_lending_usdt"] });
    expect(r.dataLoadSeconds).toBeGreaterThan(0);
    expect(r.modes).toHaveLength(1);
    expect(Object.keys(r.modes[0]!)).toEqual(["mode", "steps", "seconds", "stepsPerSecond", "peakRssMb"]);
    expect(r.modes[0]!.steps).toBe(15_336);
  });
});
