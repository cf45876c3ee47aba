// `npm run bench -- <engine|data|store|ui|sweep> [--json]`: runs one benchmark. Each bench lives in
// its own module, imported lazily; a bench whose module is not there yet exits 2 with a message.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const BENCH_NAMES = ["engine", "data", "store", "ui", "sweep"] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

const USAGE = `usage: npm run bench -- <${BENCH_NAMES.join("|")}> [--json]`;

type Log = (line: string) => void;

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module file of each bench (relative to server/bench) and how to call it; a bench returns its figures (one JSON object with --json). */
const BENCHES: Record<BenchName, { file: string; run: (mod: Record<string, unknown>, log: Log) => Promise<unknown> }> = {
  engine: {
    file: "engine.ts",
    run: async (mod, log) => (mod.benchEngine as (o: { log: Log }) => unknown)({ log }),
  },
  data: {
    file: "data-load.ts",
    run: async (mod, log) => {
      const { getPool, closePool } = await import("../db/pool");
      try {
        return await (mod.benchDataLoad as (o: { pool: unknown; log: Log }) => Promise<unknown>)({ pool: getPool(), log });
      } finally {
        await closePool();
      }
    },
  },
  store: { file: "store.ts", run: callNamed("benchStore") },
  ui: { file: "ui.ts", run: callNamed("benchUi") },
  sweep: { file: "sweep.ts", run: callNamed("benchSweep") },
};

/** Calls `exportName({ log })` of a bench module another helper adds later. */
function callNamed(exportName: string) {
  return async (mod: Record<string, unknown>, log: Log): Promise<unknown> => {
    const fn = mod[exportName];
    if (typeof fn !== "function") throw new BenchUnavailableError(`the module does not export ${exportName}({ log })`);
    return (fn as (o: { log: Log }) => unknown)({ log });
  };
}

class BenchUnavailableError extends Error {}

/** Runs the command; returns the exit code (0 ok, 1 bench failed, 2 bad usage or bench not available). */
export async function runBenchCommand(argv: readonly string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  const json = argv.includes("--json");
  const rest = argv.filter((a) => a !== "--json");
  const [name, ...extra] = rest;
  if (!name || extra.length > 0 || !(BENCH_NAMES as readonly string[]).includes(name)) {
    io.err(`${name ? `unknown bench or argument: ${rest.join(" ")}\n` : ""}${USAGE}\n`);
    return 2;
  }
  const bench = BENCHES[name as BenchName];
  const file = path.join(here, bench.file);
  if (!existsSync(file)) {
    io.err(`bench "${name}" is not available yet (${path.relative(process.cwd(), file)} does not exist)\n`);
    return 2;
  }
  // with --json the progress lines go to stderr so stdout holds exactly one JSON object
  const log: Log = (line) => (json ? io.err(`${line}\n`) : io.out(`${line}\n`));
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const result = await bench.run(mod, log);
    if (json) io.out(JSON.stringify(result) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof BenchUnavailableError) {
      io.err(`bench "${name}" is not available yet: ${e.message}\n`);
      return 2;
    }
    io.err(`bench "${name}" failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runBenchCommand(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
