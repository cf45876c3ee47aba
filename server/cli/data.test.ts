// `npm run data` commands against the per-run test database: exit codes, messages and output.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { generateSyntheticData } from "../market-data/synthetic/generate";
import { createProgressBar, runDataCli, type DataCliIo } from "./data";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
afterAll(() => pool.end());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: DataCliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stderrIsTty: false,
    openPool: async () => pool,
  };
  const code = await runDataCli(argv, io);
  return { code, out, err };
}

describe("npm run data", () => {
  it("prints usage and exits 2 for a missing or unknown command", async () => {
    for (const argv of [[], ["frobnicate"]]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(argv.length ? /unknown command: frobnicate/ : /missing command/);
      expect(r.err).toMatch(/usage: npm run data -- <command>/);
    }
    const help = await run("help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/synth \[--seed N\]/);
  });

  it("exits 2 with a message for bad flags and arguments", async () => {
    const cases: [string[], RegExp][] = [
      [["synth", "--seed", "abc"], /--seed: expected an integer/],
      [["synth", "--seed"], /--seed needs a value/],
      [["synth", "--name", "bad name!"], /--name: a data set name is/],
      [["synth", "--colour", "red"], /unknown option --colour/],
      [["synth", "extra"], /too many arguments/],
      [["list", "--json=yes"], /--json takes no value/],
      [["report"], /missing argument: <dataset>/],
      [["report", "x", "--version", "0"], /--version: must be at least 1/],
      [["import"], /missing argument: <dir>/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err, argv.join(" ")).toMatch(message);
      expect(r.out).toBe("");
    }
  });

  it("generates, lists and reports a synthetic data set, labelled SYNTHETIC", async () => {
    const name = `cli-${randomUUID().slice(0, 8)}`;
    const synth = await run("synth", "--seed", "5", "--name", name);
    expect(synth.err).toMatch(new RegExp(`saving ${name}: (\\d+)/\\1 series`));
    expect(synth.code).toBe(0);
    expect(synth.out).toMatch(new RegExp(`^saved ${name} v1 \\(SYNTHETIC, seed 5, \\d+ series\\)`));
    expect((await run("synth", "--seed", "6", "--name", name)).out).toMatch(`saved ${name} v2`);

    const list = await run("list");
    expect(list.code).toBe(0);
    const lines = list.out.split("\n").filter((l) => l.startsWith(`${name} `));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\S+\s+2\s+SYNTHETIC \(seed 6\)/);
    expect(lines[0]).toMatch(/2024-01-01 … 2025-09-30/);
    expect(lines[0]).toMatch(/MB$/);
    const json = JSON.parse((await run("list", "--json")).out) as { name: string; version: number; source: string }[];
    expect(json.filter((d) => d.name === name).map((d) => [d.version, d.source])).toEqual([
      [2, "synthetic"],
      [1, "synthetic"],
    ]);

    const report = await run("report", name, "--version", "1");
    expect(report.code).toBe(0);
    expect(report.out).toMatch(new RegExp(`^${name} v1  SYNTHETIC seed 5`));
    expect(report.out).toMatch(/SYNTHETIC data \(seed 5\)/);
    expect(report.out).toMatch(/^funding:okx:BTCUSDT\s+1917\s/m);
    const reportJson = JSON.parse((await run("report", name, "--json")).out) as { dataset: { version: number } };
    expect(reportJson.dataset.version).toBe(2);
  });

  it("exits 2 naming the data sets that exist when a report asks for a missing one", async () => {
    const name = `cli-${randomUUID().slice(0, 8)}`;
    await run("synth", "--name", name);
    const r = await run("report", "no-such-data-set");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/data set no-such-data-set not found; available: .*/);
    expect(r.err).toContain(name);
    const v = await run("report", name, "--version", "9");
    expect(v.code).toBe(2);
    expect(v.err).toMatch(`data set ${name} v9 not found`);
  });
});

describe("npm run data -- import", () => {
  const fixture = path.resolve("server/market-data/import/fixtures/mini-data");

  it("imports a directory, prints its quality report and saves a new version", async () => {
    const name = `imp-${randomUUID().slice(0, 8)}`;
    const r = await run("import", fixture, "--name", name);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warnings \(\d+\):/);
    expect(r.out).toMatch(/! refused defective file .*wsteth_oracle_yields/);
    expect(r.out).toMatch(/^funding:okx:BTCUSDT\s+\d+/m);
    expect(r.out).toMatch(new RegExp(`saved ${name} v1 \\(real, \\d+ series, \\d+ warnings\\)`));
    const again = await run("import", fixture, "--name", name);
    expect(again.out).toMatch(`saved ${name} v2`);
    const report = await run("report", name);
    expect(report.code).toBe(0);
    expect(report.out).toMatch(new RegExp(`^${name} v2  real`));
    expect(report.out).toMatch(/! refused defective file/);
    expect(report.out).toMatch(/^aave:weETH:hourly\s+\d+.*interpolated/m);
  });

  it("exits 2 for a directory that does not exist", async () => {
    const r = await run("import", "/nonexistent/market-data");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: .*nonexistent\/market-data: directory not found/);
  });
});

describe("npm run data -- stats", () => {
  it("answers from a stored data set by name (funding window against the generator's own numbers)", async () => {
    const name = `stats-${randomUUID().slice(0, 8)}`;
    expect((await run("synth", "--name", name)).code).toBe(0);
    const r = await run("stats", "--series", "funding:binance:BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", name, "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.out) as { events: number; sum: number; first: string; last: string };
    const rates = generateSyntheticData().series.get("funding:binance:BTCUSDT")?.fields.rate as Float64Array;
    expect(stats.events).toBe(3);
    expect(stats.sum).toBeCloseTo((rates[0] as number) + (rates[1] as number) + (rates[2] as number), 15);
    expect(stats.first).toBe("2024-01-01T00:00:00.000Z");
    expect(stats.last).toBe("2024-01-01T16:00:00.000Z");
  });

  it("exits 2 for an unknown series, a missing data set and a malformed date", async () => {
    const name = `stats-${randomUUID().slice(0, 8)}`;
    await run("synth", "--name", name);
    const cases = [
      ["--series", "funding:nowhere:X", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", name],
      ["--series", "funding:binance:BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--dataset", "no-such-set"],
      ["--series", "funding:binance:BTCUSDT", "--from", "2024-13-01", "--to", "2024-01-02", "--dataset", name],
    ];
    for (const argv of cases) {
      const r = await run("stats", ...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err.length).toBeGreaterThan(0);
    }
  });
});

describe("npm run data -- fetch", () => {
  it("is delegated to the downloader, whose bad flags exit 2", async () => {
    const r = await run("fetch", "--venue", "kraken", "--symbol", "BTCUSDT", "--kind", "spot", "--from", "2024-01-01", "--to", "2024-01-02");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--venue/);
  });
});

describe("progress bar", () => {
  it("redraws in place on a terminal and prints one line in a pipe", () => {
    let tty = "";
    const bar = createProgressBar({ stderr: (t) => (tty += t), stderrIsTty: true }, "saving", "series");
    for (let i = 0; i <= 4; i++) bar(i, 4);
    expect(tty.split("\r").filter(Boolean)).toHaveLength(5);
    expect(tty).toMatch(/\rsaving \[#{30}\] 4\/4 series\n$/);
    let pipe = "";
    const quiet = createProgressBar({ stderr: (t) => (pipe += t), stderrIsTty: false }, "saving", "series");
    for (let i = 0; i <= 4; i++) quiet(i, 4);
    expect(pipe).toBe("saving: 4/4 series\n");
  });
});
