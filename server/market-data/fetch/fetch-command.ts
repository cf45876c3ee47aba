// `npm run data -- fetch …`: downloads venue klines/funding (through ccxt) or AAVE reserve history into
// a directory of canonical raw files, resumably, with a progress bar on stderr; with --name the
// directory is then imported as a data set with source "downloaded".
import path from "node:path";
import { z } from "zod";
import { CliUsageError, dateFlag, intFlag, parseCommandArgs } from "../../cli/cli-args";
import { fetchAaveRates } from "./fetch-aave-rates";
import { fetchMarketData } from "./fetch-market-data";
import { FETCH_KINDS, FETCH_VENUES, fetchRequestSchema } from "./fetch-types";
import { createProgressBar, type ProgressOutput } from "./progress-bar";
import { DownloadFailedError, type DownloadEvents } from "./run-paged-download";

export const FETCH_USAGE = `usage: npm run data -- fetch --venue binance|bybit|okx --symbol BTCUSDT --kind spot|perp|funding --from YYYY-MM-DD --to YYYY-MM-DD [--out <dir>] [--name <dataset>]
       npm run data -- fetch --venue aave --kind rates --symbol USDT --endpoint <url> --from YYYY-MM-DD --to YYYY-MM-DD [--out <dir>] [--name <dataset>]
  --to is exclusive (UTC). Files go to --out (default .data/downloads[/<name>]); rerunning an interrupted
  command resumes from the checkpoint there. --name imports the directory as a "downloaded" data set.`;

const flagsSchema = z.strictObject({
  venue: z.enum([...FETCH_VENUES, "aave"], { message: `expected one of ${[...FETCH_VENUES, "aave"].join(", ")}` }),
  symbol: z.string({ error: "required" }).min(1, "required"),
  kind: z.enum([...FETCH_KINDS, "rates"], { message: `expected one of ${[...FETCH_KINDS, "rates"].join(", ")}` }),
  from: z.string({ error: "required: a date YYYY-MM-DD" }).pipe(dateFlag()),
  to: z.string({ error: "required: a date YYYY-MM-DD (exclusive)" }).pipe(dateFlag()),
  out: z.string().min(1).optional(),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' or '-'").optional(),
  endpoint: z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }).optional(),
  /** replaces the venue's API host (a proxy, or the tests' replay server) */
  baseUrl: z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }).optional(),
  pageLimit: intFlag(1, 1000).optional(),
});

export interface FetchCommandIo {
  stdout: ProgressOutput;
  stderr: ProgressOutput;
  /** retry backoff; tests inject an instant one */
  sleep?: (ms: number) => Promise<void>;
  /** imports the finished directory as a data set (default: loadDirectory + saveDataset on the app pool) */
  importDirectory?: (dir: string, name: string, description: string) => Promise<{ name: string; version: number }>;
}

async function importDownloaded(dir: string, name: string, description: string): Promise<{ name: string; version: number }> {
  const [{ loadDirectory }, { saveDataset }, { getPool }] = await Promise.all([
    import("../import/load-directory"),
    import("../store/save-dataset"),
    import("../../db/pool"),
  ]);
  const loaded = await loadDirectory(dir);
  return saveDataset(getPool(), { name, source: "downloaded", description, data: loaded.data, report: loaded.report });
}

const defaultIo = (): FetchCommandIo => ({ stdout: process.stdout, stderr: process.stderr });

/** Runs the fetch command; returns the exit code (0 ok, 1 download/import failed, 2 bad flags). */
export async function runFetchCommand(argv: string[], io: FetchCommandIo = defaultIo()): Promise<number> {
  let flags: z.output<typeof flagsSchema>;
  try {
    flags = parseCommandArgs(argv, { positionals: z.tuple([]), flags: flagsSchema }).flags;
    const isAave = flags.venue === "aave";
    if (isAave !== (flags.kind === "rates")) throw new CliUsageError("--kind rates goes with --venue aave (and only with it)");
    if (isAave && !flags.endpoint) throw new CliUsageError("--endpoint <url> is required for --venue aave (a reserve-history JSON API)");
    if (!isAave && flags.endpoint) throw new CliUsageError("--endpoint is only for --venue aave");
    if (isAave && !/^[A-Za-z0-9]{2,20}$/.test(flags.symbol)) throw new CliUsageError("--symbol: expected an asset symbol like USDT or weETH");
    if (flags.to <= flags.from) throw new CliUsageError("--to must be after --from (it is exclusive)");
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr.write(`${err.message}\n${FETCH_USAGE}\n`);
      return err.exitCode;
    }
    throw err;
  }

  const outDir = path.resolve(flags.out ?? path.join(".data", "downloads", flags.name ?? ""));
  const label = `${flags.venue} ${flags.symbol} ${flags.kind}`;
  const bar = createProgressBar(io.stderr, label);
  const events: DownloadEvents = {
    onResume: ({ pages, rows }) => io.stderr.write(`resuming ${label} from checkpoint: ${pages} page(s), ${rows} row(s) already saved\n`),
    onPage: ({ pages, rows, progress }) => bar.update(progress, `${rows} rows, ${pages} pages`),
    onRetry: ({ attempt, delayMs, error }) =>
      io.stderr.write(`\n${error instanceof Error ? error.message.slice(0, 200) : String(error)}; retry ${attempt} in ${Math.round(delayMs / 100) / 10}s\n`),
  };
  const retry = io.sleep ? { sleep: io.sleep } : {};

  try {
    let summary: { file: string | null; rows: number; pages: number };
    if (flags.venue === "aave") {
      summary = await fetchAaveRates(
        { endpoint: flags.endpoint as string, symbol: flags.symbol, fromMs: flags.from, toMs: flags.to },
        { outDir, pageLimit: flags.pageLimit, retry, events },
      );
    } else {
      const parsed = fetchRequestSchema.safeParse({ venue: flags.venue, symbol: flags.symbol, kind: flags.kind, fromMs: flags.from, toMs: flags.to });
      if (!parsed.success) {
        io.stderr.write(`${parsed.error.issues.map((i) => i.message).join("\n")}\n${FETCH_USAGE}\n`);
        return 2;
      }
      summary = await fetchMarketData(parsed.data, { outDir, baseUrl: flags.baseUrl, pageLimit: flags.pageLimit, retry, events });
    }
    bar.done(`${summary.rows} rows, ${summary.pages} pages`);
    if (summary.file === null) {
      io.stderr.write(`${label}: the source returned no rows between ${new Date(flags.from).toISOString().slice(0, 10)} and ${new Date(flags.to).toISOString().slice(0, 10)}; nothing written\n`);
      return 1;
    }
    io.stdout.write(`wrote ${summary.rows} rows to ${summary.file}\n`);
    if (flags.name) {
      const saved = await (io.importDirectory ?? importDownloaded)(outDir, flags.name, `downloaded: ${label} ${new Date(flags.from).toISOString().slice(0, 10)} … ${new Date(flags.to).toISOString().slice(0, 10)} (directory ${outDir})`);
      io.stdout.write(`saved data set ${saved.name} v${saved.version} (source downloaded) from ${outDir}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof DownloadFailedError) {
      io.stderr.write(`\nfetch failed: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`\nfetch failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
