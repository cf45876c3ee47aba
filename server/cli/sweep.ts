// `npm run sweep -- --mode <mode> --start YYYY-MM-DD --end YYYY-MM-DD --capital <n>
//   --set key=start:stop:step | key=v1,v2,… [--set key=value …] [--dataset NAME] [--max-runs N]
//   [--metric apy|totalReturn|sharpe|maxDrawdown] [--json]`
// Creates a sweep in PostgreSQL (DATABASE_URL, else the embedded server), works on its batches in this
// process alongside any running `npm run worker`, shows progress, and prints the ranked results.
import { parseEnv, EnvError } from "../env";
import { StartupError } from "../db/embedded-postgres";
import { prepareDatabase } from "../db/prepare-database";
import { AppError } from "../errors";
import { CliUsageError, USAGE_EXIT_CODE, parseCommandArgs } from "./cli-args";
import { z } from "zod";

const USAGE =
  "usage: npm run sweep -- --mode <mode> --start YYYY-MM-DD --end YYYY-MM-DD --capital <n> --set key=start:stop:step [--set key=v1,v2 …] " +
  "[--set key=value …] [--dataset NAME] [--max-runs N] [--metric apy|totalReturn|sharpe|maxDrawdown] [--json]";

const flagsSchema = z.strictObject({
  mode: z.string({ message: "is required" }),
  start: z.string({ message: "is required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  end: z.string({ message: "is required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  capital: z.string({ message: "is required" }).transform(Number).pipe(z.number({ message: "expected a number" }).finite("expected a number")),
  set: z.array(z.string()).default([]),
  dataset: z.string().default("synthetic"),
  maxRuns: z.string().regex(/^\d+$/, "expected an integer").transform(Number).optional(),
  metric: z.enum(["apy", "totalReturn", "sharpe", "maxDrawdown"]).default("apy"),
  json: z.literal(true).optional(),
});

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : 0;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}

export async function runSweepCommand(argv: string[]): Promise<number> {
  let flags: z.output<typeof flagsSchema>;
  try {
    ({ flags } = parseCommandArgs(argv, { positionals: z.tuple([]), flags: flagsSchema, booleans: ["json"], repeated: ["set"] }));
  } catch (err) {
    if (err instanceof CliUsageError) {
      console.error(`${err.message}\n${USAGE}`);
      return USAGE_EXIT_CODE;
    }
    throw err;
  }
  const { MODE_IDS, resolveModeId } = await import("../engine/config/modes");
  if (!resolveModeId(flags.mode)) {
    console.error(`unknown mode "${flags.mode}" (known: ${MODE_IDS.join(", ")})`);
    return USAGE_EXIT_CODE;
  }
  // Axis values parse here so a typo fails before any database work.
  const { parseAxisSpec, SweepSpecError } = await import("../sweeps/sweep-axes");
  const axes = [];
  const params: Record<string, unknown> = {};
  try {
    for (const spec of flags.set) {
      const body = spec.slice(spec.indexOf("=") + 1);
      if (body.includes(":") || body.includes(",")) axes.push(parseAxisSpec(spec));
      else if (spec.includes("=")) {
        const key = spec.slice(0, spec.indexOf("="));
        let value: unknown = body;
        try {
          value = JSON.parse(body);
        } catch {
          // a plain string value (enum parameters)
        }
        const path = key.split(".");
        let node = params;
        for (const seg of path.slice(0, -1)) node = (node[seg] ??= {}) as Record<string, unknown>;
        node[path[path.length - 1] as string] = value;
      } else throw new SweepSpecError(`--set ${spec}: expected key=value, key=start:stop:step or key=v1,v2`);
    }
  } catch (err) {
    if (err instanceof SweepSpecError) {
      console.error(err.message);
      return USAGE_EXIT_CODE;
    }
    throw err;
  }
  if (axes.length === 0) {
    console.error(`no swept parameter: give at least one --set key=start:stop:step or key=v1,v2\n${USAGE}`);
    return USAGE_EXIT_CODE;
  }

  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      return USAGE_EXIT_CODE;
    }
    throw err;
  }
  let db;
  try {
    db = await prepareDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_PG_PORT, migrate: true, log: (l) => console.error(l) });
  } catch (err) {
    if (err instanceof StartupError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  process.env.DATABASE_URL = db.url;
  const { runStartupSeeds } = await import("../startup/run-startup-seeds");
  const { getPool, closePool } = await import("../db/pool");
  const { getBoss, stopBoss, ensureQueue } = await import("../jobs/queue");
  const { createSweep } = await import("../sweeps/create-sweep");
  const { getSweep } = await import("../sweeps/get-sweep");
  const { sweepBatchJob } = await import("../sweeps/sweep-job");
  try {
    await runStartupSeeds(db.url, () => undefined);
    const pool = getPool();
    const started = Date.now();
    let created;
    try {
      created = await createSweep(pool, { mode: flags.mode as never, start: flags.start, end: flags.end, capital: flags.capital, datasetName: flags.dataset, params, axes, maxRuns: flags.maxRuns });
    } catch (err) {
      if (err instanceof AppError && (err.code === "INVALID_INPUT" || err.code === "DATA_MISSING")) {
        console.error(err.fieldErrors ? Object.entries(err.fieldErrors).map(([k, v]) => `${k}: ${v.join("; ")}`).join("\n") : err.message);
        return USAGE_EXIT_CODE;
      }
      throw err;
    }
    // This process works on the queue too, so a sweep finishes with or without `npm run worker`.
    const boss = await getBoss();
    await ensureQueue(boss, sweepBatchJob);
    await boss.work(sweepBatchJob.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const j of jobs) await sweepBatchJob.handle(sweepBatchJob.payload.parse(j.data), { jobId: j.id, signal: new AbortController().signal });
    });
    let view = await getSweep(pool, created.id, { withResults: false });
    while (view.status === "queued" || view.status === "running") {
      if (!flags.json) process.stderr.write(`\r${progressBar(view.done + view.failed, view.total)} ${view.failed ? `(${view.failed} failed)` : ""}`);
      await new Promise((r) => setTimeout(r, 300));
      view = await getSweep(pool, created.id, { withResults: false });
    }
    const seconds = (Date.now() - started) / 1000;
    view = await getSweep(pool, created.id);
    const metric = flags.metric;
    const ranked = [...view.results].sort((a, b) => {
      const va = a[metric] ?? Number.NEGATIVE_INFINITY;
      const vb = b[metric] ?? Number.NEGATIVE_INFINITY;
      return metric === "maxDrawdown" ? va - vb : vb - va;
    });
    if (flags.json) {
      console.log(JSON.stringify({
        sweepId: view.id, mode: view.mode, dataset: view.dataset.name, status: view.status, runs: view.total, done: view.done, failed: view.failed, seconds,
        axes: view.axes.map((a) => a.key),
        results: view.results.map((r) => ({ point: Object.fromEntries(view.axes.map((a, i) => [a.key, r.point[i]])), status: r.status, apy: r.apy, totalReturn: r.totalReturn, sharpe: r.sharpe, maxDrawdown: r.maxDrawdown, error: r.errorMessage })),
      }));
    } else {
      process.stderr.write(`\r${progressBar(view.done + view.failed, view.total)}\n`);
      console.log(`sweep ${view.id} (${view.mode} on ${view.dataset.name}${view.dataset.source === "synthetic" ? " [SYNTHETIC]" : ""}): ${view.done} succeeded, ${view.failed} failed in ${seconds.toFixed(1)} s`);
      console.log(`top 10 by ${metric}:`);
      const fmt = (v: number | null) => (v === null ? "—" : v.toFixed(4));
      console.log([...view.axes.map((a) => a.key), "apy", "totalReturn", "sharpe", "maxDrawdown"].join("\t"));
      for (const r of ranked.slice(0, 10)) console.log([...r.point.map(String), fmt(r.apy), fmt(r.totalReturn), fmt(r.sharpe), fmt(r.maxDrawdown)].join("\t"));
      console.log(`open it in the browser: /sweeps/${view.id}`);
    }
    return view.status === "succeeded" ? 0 : 1;
  } finally {
    await stopBoss().catch(() => undefined);
    await closePool().catch(() => undefined);
    await db.stop();
  }
}

runSweepCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
