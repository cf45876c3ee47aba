// `npm run backtest -- --mode <mode> --start YYYY-MM-DD --end YYYY-MM-DD --capital <n>
//   [--data <dir> | --dataset <name>] [--set key=value …] [--json] [--out <dir>] [--config <file.json>]`
// Runs one backtest on the synthetic data set (default), a raw directory or a stored data set.
// Bad input (flags, mode, parameters, window outside the data): message on stderr, exit 2, nothing written.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { EngineError, isEngineError } from "../engine/core/errors";
import { formatEventsCsv } from "../engine/components/event-logger";
import { runBacktestWithDetails, validateRun, type BacktestResult } from "../engine/run-backtest";
import { parseStressScenario, shockTime, type StressScenario } from "../engine/stress/scenarios";
import { runStress, type StressSummary } from "../engine/stress/run-stress";
import { flattenStepRecord, STEP_COLUMN_COUNT, STEP_COLUMNS, type ResultsSink, type StepRecord } from "../engine/types";
import type { MarketData } from "../market-data/series";

/** Exit code for bad input; 1 is a run that failed. */
const EXIT_USAGE = 2;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const USAGE =
  "usage: npm run backtest -- --mode <mode> --start YYYY-MM-DD --end YYYY-MM-DD --capital <n> " +
  "[--data <dir> | --dataset <name>] [--set key=value …] [--json] [--out <dir>] [--config <file.json>] [--stress <scenario>] [--signal-csv <file>]";

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** Contents of --config (and of the config.json that --out writes): every field optional. */
export const backtestConfigFileSchema = z.strictObject({
  mode: z.string().optional(),
  start: dateSchema.optional(),
  end: dateSchema.optional(),
  capital: z.number().positive().optional(),
  dataset: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  /** Free text for people (e.g. a run's export saying a signal CSV is needed); ignored. */
  note: z.string().optional(),
});
export type BacktestConfigFile = z.infer<typeof backtestConfigFileSchema>;

export interface BacktestArgs {
  mode: string;
  start: string;
  end: string;
  capital: number;
  data: string | null;
  dataset: string | null;
  params: Record<string, unknown>;
  json: boolean;
  out: string | null;
  /** Stress scenario in the CLI form (price:-30, funding-flip:7, depeg:5:3, borrow-spike:50:7[@YYYY-MM-DDTHH]). */
  stress: string | null;
  /** Signal CSV for the directional modes (`--set signalSource=csv`). */
  signalCsv: string | null;
}

/** Parses a --set value: JSON where it parses (numbers, booleans, objects), else the raw string. */
function parseSetValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  let obj = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    const next = obj[p];
    if (typeof next !== "object" || next === null || Array.isArray(next)) obj[p] = {};
    obj = obj[p] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1] as string] = value;
}

/** Parses argv (without node and script); throws UsageError naming the problem. */
export function parseBacktestArgs(argv: readonly string[], readFile: (p: string) => string = (p) => readFileSync(p, "utf8")): BacktestArgs {
  const flags = new Map<string, string>();
  const sets: string[] = [];
  let json = false;
  const valueFlags = new Set(["--mode", "--start", "--end", "--capital", "--data", "--dataset", "--out", "--config", "--set", "--stress", "--signal-csv"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") {
      json = true;
      continue;
    }
    if (a === "--help" || a === "-h") throw new UsageError(USAGE);
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!valueFlags.has(name)) throw new UsageError(`unknown argument ${a}\n${USAGE}`);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${name} needs a value`);
      value = next;
      i++;
    }
    if (name === "--set") sets.push(value);
    else if (flags.has(name)) throw new UsageError(`${name} given twice`);
    else flags.set(name, value);
  }

  let file: BacktestConfigFile = {};
  const configPath = flags.get("--config");
  if (configPath !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFile(configPath)) as unknown;
    } catch (e) {
      throw new UsageError(`--config ${configPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = backtestConfigFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`--config ${configPath}: ${issue?.path.join(".") || "file"}: ${issue?.message ?? "invalid"}`);
    }
    file = parsed.data;
  }

  const mode = flags.get("--mode") ?? file.mode;
  const start = flags.get("--start") ?? file.start;
  const end = flags.get("--end") ?? file.end;
  const capitalRaw = flags.get("--capital");
  if (!mode) throw new UsageError(`--mode is required\n${USAGE}`);
  if (!start) throw new UsageError(`--start is required\n${USAGE}`);
  if (!end) throw new UsageError(`--end is required\n${USAGE}`);
  for (const [flag, v] of [["--start", start], ["--end", end]] as const) {
    if (!dateSchema.safeParse(v).success || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`${flag} ${v}: expected a date YYYY-MM-DD`);
  }
  let capital = file.capital;
  if (capitalRaw !== undefined) {
    capital = Number(capitalRaw);
    if (capitalRaw.trim() === "" || !Number.isFinite(capital) || capital <= 0) throw new UsageError(`--capital ${capitalRaw}: expected a positive number`);
  }
  if (capital === undefined) throw new UsageError(`--capital is required\n${USAGE}`);
  const data = flags.get("--data") ?? null;
  const dataset = flags.get("--dataset") ?? (data === null ? (file.dataset ?? null) : null);
  if (data !== null && flags.has("--dataset")) throw new UsageError("--data and --dataset are mutually exclusive");

  const params: Record<string, unknown> = structuredClone(file.params ?? {});
  for (const s of sets) {
    const eqi = s.indexOf("=");
    if (eqi <= 0) throw new UsageError(`--set ${s}: expected key=value`);
    setPath(params, s.slice(0, eqi), parseSetValue(s.slice(eqi + 1)));
  }
  return { mode, start, end, capital, data, dataset, params, json, out: flags.get("--out") ?? null, stress: flags.get("--stress") ?? null, signalCsv: flags.get("--signal-csv") ?? null };
}

const dayMs = (d: string): number => Date.parse(`${d}T00:00:00Z`);

/** Loads the data set the flags name; the loaders are imported lazily (they need Node I/O or the DB). */
async function loadData(args: BacktestArgs): Promise<MarketData> {
  if (args.data !== null) {
    const { loadDirectory } = await import("../market-data/import/load-directory");
    try {
      return (await loadDirectory(args.data)).data;
    } catch (e) {
      throw new UsageError(`--data ${args.data}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (args.dataset !== null && args.dataset !== "synthetic") {
    const [{ loadDatasetByName }, { getPool, closePool }] = await Promise.all([import("../market-data/store/load-dataset"), import("../db/pool")]);
    try {
      return await loadDatasetByName(getPool(), args.dataset);
    } catch (e) {
      throw new UsageError(`--dataset ${args.dataset}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await closePool();
    }
  }
  const { generateSyntheticData } = await import("../market-data/synthetic/generate");
  return generateSyntheticData();
}

/** Collects flattened step rows (for steps.csv). */
class StepRowCollector implements ResultsSink {
  rows: Float64Array;
  n = 0;
  constructor(capacity: number) {
    this.rows = new Float64Array(Math.max(1, capacity) * STEP_COLUMN_COUNT);
  }
  onStep(rec: Readonly<StepRecord>): void {
    if ((this.n + 1) * STEP_COLUMN_COUNT > this.rows.length) {
      const grown = new Float64Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    flattenStepRecord(rec, this.rows, this.n * STEP_COLUMN_COUNT);
    this.n++;
  }
  onEvent(): void {}
  toCsv(): string {
    const lines: string[] = [["time", ...STEP_COLUMNS].join(",")];
    for (let r = 0; r < this.n; r++) {
      const o = r * STEP_COLUMN_COUNT;
      const cells: string[] = [new Date(this.rows[o] as number).toISOString()];
      for (let c = 0; c < STEP_COLUMN_COUNT; c++) {
        const v = this.rows[o + c] as number;
        cells.push(Number.isNaN(v) ? "" : String(v));
      }
      lines.push(cells.join(","));
    }
    return lines.join("\n") + "\n";
  }
}

function formatHuman(r: BacktestResult): string {
  const s = r.summary;
  const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(3)} %`);
  const num = (v: number | null) => (v === null ? "n/a" : v.toFixed(3));
  const money = (v: number) => `${v.toFixed(2)} ${s.shareClass}`;
  const lines = [
    `${s.mode} on ${s.dataset}: ${s.start} … ${s.end} (${s.steps} steps, ${s.events} events)`,
    `equity      ${money(s.initialCapital)} → ${money(s.finalEquity)}`,
    `return      ${pct(s.metrics.totalReturn)}   APY ${pct(s.metrics.apy)}   vol ${pct(s.metrics.annualVolatility)}`,
    `sharpe      ${num(s.metrics.sharpe)}   sortino ${num(s.metrics.sortino)}   max DD ${pct(s.metrics.maxDrawdown)} over ${s.metrics.maxDrawdownDays.toFixed(1)} days`,
    `rebalances  ${s.metrics.rebalances}   fees ${money(s.metrics.feesPaid)}   funding ${money(s.metrics.fundingCaptured)}   in market ${pct(s.metrics.timeInMarket)}`,
    "attribution",
    ...Object.entries(s.attribution).map(([k, v]) => `  ${k.padEnd(16)}${v.toFixed(6)}`),
    ...r.details.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join("\n") + "\n";
}

function formatStress(s: StressSummary): string {
  const v = (x: number | null) => (x === null ? "n/a" : x.toFixed(6));
  const lines = [
    `stress      ${s.scenario} at ${s.shockTime} (step ${s.shockStep})`,
    `liquidated  ${s.liquidated ? `yes, first at ${s.firstLiquidationTime ?? ""} (step ${s.firstLiquidationStep ?? ""}), ${s.liquidations.length} event(s)` : "no"}`,
    `loss        ${s.loss.toFixed(6)} vs baseline (${(s.lossPct * 100).toFixed(3)} %)`,
    `${"metric".padEnd(18)}${"baseline".padStart(20)}${"shocked".padStart(20)}`,
    ...s.table.map((r) => `${r.metric.padEnd(18)}${v(r.baseline).padStart(20)}${v(r.shocked).padStart(20)}`),
  ];
  return lines.join("\n") + "\n";
}

/** Runs the command; returns the exit code (0 ok, 1 run failed, 2 bad input). */
export async function runBacktestCommand(argv: readonly string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  let args: BacktestArgs;
  let scenario: StressScenario | null = null;
  try {
    args = parseBacktestArgs(argv);
    validateRun({ mode: args.mode, params: args.params, capital: args.capital, start: dayMs(args.start), end: dayMs(args.end) });
    if (args.stress !== null) {
      scenario = parseStressScenario(args.stress);
      shockTime(scenario, dayMs(args.start), dayMs(args.end));
    }
  } catch (e) {
    io.err(`${isEngineError(e) ? `${e.code}: ${e.detail}` : e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  let data: MarketData;
  let signalCsv: string | null = null;
  if (args.signalCsv !== null) {
    try {
      signalCsv = readFileSync(args.signalCsv, "utf8");
    } catch (e) {
      io.err(`--signal-csv ${args.signalCsv}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
  }
  try {
    data = await loadData(args);
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  const start = dayMs(args.start);
  const end = dayMs(args.end);
  const collector = args.out ? new StepRowCollector((end - start) / 3_600_000 + 1) : null;
  // the event log streams to events.jsonl while the run goes; the file is created on the first event
  let fd: number | null = null;
  let outCreated = false;
  const jsonlPath = args.out ? path.join(args.out, "events.jsonl") : null;
  const writeEventLine = jsonlPath
    ? (line: string) => {
        if (fd === null) {
          if (!existsSync(args.out as string)) {
            mkdirSync(args.out as string, { recursive: true });
            outCreated = true;
          }
          fd = openSync(jsonlPath, "w");
        }
        writeSync(fd, line + "\n");
      }
    : undefined;
  let result: BacktestResult;
  let stress: StressSummary | null = null;
  try {
    const runOpts = {
      mode: args.mode,
      params: args.params,
      data,
      start,
      end,
      capital: args.capital,
      ...(signalCsv !== null ? { signalCsv } : {}),
      ...(collector ? { sink: collector } : {}),
      ...(writeEventLine ? { writeEventLine } : {}),
    };
    if (scenario) {
      // the stressed run is the run's result; the unshocked baseline is only compared against
      const sr = runStress(runOpts, scenario);
      result = sr.shocked;
      stress = sr.stress;
    } else result = runBacktestWithDetails(runOpts);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    const setupError = isEngineError(e) && (e.code.startsWith("CONFIG-") || e.code === "DATA-003");
    // bad input writes nothing: remove what the stream created
    if (setupError && jsonlPath && fd !== null) {
      rmSync(jsonlPath, { force: true });
      if (outCreated) rmSync(args.out as string, { recursive: true, force: true });
    }
    const msg = isEngineError(e) ? `${e.code}: ${e.detail}` : e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.err(`${msg}\n`);
    return setupError ? EXIT_USAGE : 1;
  }
  if (fd !== null) closeSync(fd);
  if (args.out && collector) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(path.join(args.out, "steps.csv"), collector.toCsv());
    writeFileSync(path.join(args.out, "events.csv"), formatEventsCsv(result.events));
    writeFileSync(path.join(args.out, "summary.json"), JSON.stringify({ ...result.summary, details: result.details, ...(stress ? { stress } : {}) }, null, 2) + "\n");
    const config: BacktestConfigFile = { mode: result.summary.mode, start: args.start, end: args.end, capital: args.capital, dataset: result.summary.dataset, params: result.details.params };
    writeFileSync(path.join(args.out, "config.json"), JSON.stringify(config, null, 2) + "\n");
  }
  if (args.json) io.out(JSON.stringify(stress ? { ...result.summary, stress } : result.summary) + "\n");
  else io.out(formatHuman(result) + (stress ? formatStress(stress) : ""));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runBacktestCommand(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof EngineError ? `${e.code}: ${e.detail}` : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
