// `data stats`: window statistics of one series from a stored data set or straight from a raw-data directory.

import { parseArgs } from "node:util";
import { z } from "zod";
import { DataDirectoryError, DataImportError } from "../market-data/import/import-errors";
import { loadDirectory } from "../market-data/import/load-directory";
import type { MarketData } from "../market-data/series";
import { computeSeriesStats, DAY_MS, SeriesStatsError, type SeriesStats } from "../market-data/stats";

export interface StatsCommandDeps {
  /** Loads a stored data set by name (the database path of `--dataset`). */
  loadNamedDataset: (name: string) => Promise<MarketData>;
  /** Output sinks; default process.stdout / process.stderr. */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

const USAGE = "usage: data stats --series <id> --from YYYY-MM-DD --to YYYY-MM-DD (--dataset NAME | --data <dir>) [--json]";

/** YYYY-MM-DD that is a real calendar date → UTC midnight epoch ms. */
const dateArg = (flag: string) =>
  z
    .string({ error: `--${flag} is required` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `--${flag} must be a date YYYY-MM-DD` })
    .transform((s, ctx) => {
      const [y, m, d] = s.split("-").map(Number) as [number, number, number];
      const ms = Date.UTC(y, m - 1, d);
      const back = new Date(ms);
      if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
        ctx.addIssue({ code: "custom", message: `--${flag} is not a calendar date: ${s}` });
        return z.NEVER;
      }
      return ms;
    });

export const statsArgsSchema = z
  .object({
    series: z.string({ error: "--series is required" }).min(1, { error: "--series is required" }),
    from: dateArg("from"),
    to: dateArg("to"),
    dataset: z.string().min(1).optional(),
    data: z.string().min(1).optional(),
    json: z.boolean().default(false),
  })
  .refine((a) => (a.dataset === undefined) !== (a.data === undefined), { error: "give exactly one of --dataset NAME or --data <dir>" })
  .refine((a) => a.to > a.from, { error: "--to must be after --from (--from inclusive, --to exclusive)" });
export type StatsArgs = z.infer<typeof statsArgsSchema>;

function formatValue(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toPrecision(8);
  return String(v);
}

/** Human-readable two-column table of the stats. */
export function formatStatsTable(id: string, args: StatsArgs, stats: SeriesStats): string {
  const days = (args.to - args.from) / DAY_MS;
  const head = `${id}  [${new Date(args.from).toISOString().slice(0, 10)}, ${new Date(args.to).toISOString().slice(0, 10)})  ${days} days (UTC; from inclusive, to exclusive)`;
  const entries = Object.entries(stats);
  const w = Math.max(...entries.map(([k]) => k.length));
  return [head, ...entries.map(([k, v]) => `  ${k.padEnd(w)}  ${formatValue(v)}`)].join("\n") + "\n";
}

/** Runs `data stats`; returns the exit code (0 ok, 2 bad input / window / series, 1 unexpected failure). */
export async function runStatsCommand(argv: string[], deps: StatsCommandDeps): Promise<number> {
  const out = deps.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = deps.stderr ?? ((t: string) => void process.stderr.write(t));
  const fail = (message: string, code = 2) => {
    err(`data stats: ${message}\n`);
    if (code === 2) err(`${USAGE}\n`);
    return code;
  };

  let raw: Record<string, string | boolean | undefined>;
  try {
    raw = parseArgs({
      args: argv,
      options: { series: { type: "string" }, from: { type: "string" }, to: { type: "string" }, dataset: { type: "string" }, data: { type: "string" }, json: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return fail((e as Error).message);
  }
  const parsed = statsArgsSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues.map((i) => i.message).join("; "));
  const args = parsed.data;

  let data: MarketData;
  try {
    data = args.data !== undefined ? (await loadDirectory(args.data)).data : await deps.loadNamedDataset(args.dataset as string);
  } catch (e) {
    if (e instanceof DataDirectoryError) return fail(e.message);
    if (e instanceof DataImportError) return fail(`cannot import ${args.data}: ${e.message}`, 1);
    return fail(`cannot load data set ${args.dataset ?? args.data}: ${(e as Error).message}`);
  }

  const series = data.series.get(args.series);
  if (!series) return fail(`unknown series id "${args.series}" in ${data.name}; available: ${[...data.series.keys()].join(", ")}`);

  let stats: SeriesStats;
  try {
    stats = computeSeriesStats(series, args.from, args.to);
  } catch (e) {
    if (e instanceof SeriesStatsError) return fail(e.message);
    throw e;
  }
  out(args.json ? `${JSON.stringify(stats)}\n` : formatStatsTable(args.series, args, stats));
  return 0;
}
