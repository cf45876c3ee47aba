// `npm run bench -- store`: rows/s of the run results sink as the worker runs it (engine-side
// thread: flatten → batch → binary COPY encoding; worker thread: one fenced transaction per batch
// with the progress update) against raw COPY of the same rows, pre-encoded, in one statement, in the
// same process and database. Goal: ratioToCopy ≥ 0.8. Median of 3 alternating rounds; the
// throwaway run rows are deleted after.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { closePool, getPool } from "../db/pool";
import { createStepRecord, flattenStepRecord, STEP_COLUMN_COUNT } from "../engine/types";
import { DEFAULT_BATCH_ROWS } from "../runs/batching-sink";
import { copyInto } from "../runs/copy-into";
import { encodeStepRowsBinary, RUN_STEP_COPY_COLUMNS, type EncodedBatch } from "../runs/copy-encoding";
import { startThread } from "../runs/start-engine-thread";
import { writeRunBatch } from "../runs/write-run-batch";
import { fillStep } from "./store-producer-thread";

const ROWS = 100_000;
const ROUNDS = 3;

export interface StoreBenchResult {
  rows: number;
  rowsPerSecond: number;
  copyRowsPerSecond: number;
  ratioToCopy: number;
}

async function createBenchRuns(pool: pg.Pool, n: number): Promise<{ datasetId: string; runIds: string[] }> {
  const datasetId = randomUUID();
  // an invisible ('importing') data set: runs need one by foreign key
  await pool.query(`INSERT INTO datasets (id, name, version, source, status) VALUES ($1, $2, 1, 'synthetic', 'importing')`, [datasetId, `bench-store-${datasetId.slice(0, 8)}`]);
  const runIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO runs (id, name, mode, "datasetId", "datasetName", "datasetVersion", "datasetSource", "windowStart", "windowEnd", capital, "shareClass", config, "engineVersion", status, attempt, "startedAt")
       VALUES ($1, 'bench-store', 'btc_basis', $2, 'bench', 1, 'synthetic', now(), now(), 100000, 'USDT', '{}', 'bench', 'running', 1, now())`,
      [id, datasetId],
    );
    runIds.push(id);
  }
  return { datasetId, runIds };
}

/**
 * The sink path as the worker runs it: a thread (standing in for the engine thread) flattens,
 * batches and encodes; this thread writes each batch in its own fenced transaction. Timed from
 * "go" to the last commit (thread start-up excluded).
 */
async function timeSink(pool: pg.Pool, runId: string): Promise<number> {
  const thread = startThread(new URL("./store-producer-thread.ts", import.meta.url), { runId, rows: ROWS, batchRows: DEFAULT_BATCH_ROWS });
  try {
    return await new Promise<number>((resolve, reject) => {
      let t0 = 0;
      let chain: Promise<unknown> = Promise.resolve();
      thread.on("message", (msg: { kind: string; batch?: EncodedBatch }) => {
        if (msg.kind === "ready") {
          t0 = performance.now();
          thread.postMessage("go");
        } else if (msg.kind === "batch" && msg.batch) {
          const b = msg.batch;
          chain = chain.then(() => writeRunBatch(pool, { runId, attempt: 1 }, b));
          chain.catch(reject);
        } else if (msg.kind === "produced") {
          chain.then(() => resolve(performance.now() - t0), reject);
        }
      });
      thread.on("error", reject);
    });
  } finally {
    await thread.terminate();
  }
}

/** Raw COPY: the same rows, encoded before the clock starts, in one COPY statement. */
async function timeRawCopy(pool: pg.Pool, runId: string, payload: Buffer): Promise<number> {
  const client = await pool.connect();
  try {
    const t0 = performance.now();
    await copyInto(client, "run_steps", RUN_STEP_COPY_COLUMNS, payload, "binary");
    return performance.now() - t0;
  } finally {
    client.release();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchStore(opts: { log: (line: string) => void }): Promise<StoreBenchResult> {
  const pool = getPool();
  const flat = new Float64Array(ROWS * STEP_COLUMN_COUNT);
  const rec = createStepRecord();
  for (let i = 0; i < ROWS; i++) {
    fillStep(rec, i);
    flattenStepRecord(rec, flat, i * STEP_COLUMN_COUNT);
  }
  const { datasetId, runIds } = await createBenchRuns(pool, ROUNDS * 2);
  try {
    const sinkMs: number[] = [];
    const copyMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const copyRun = runIds[2 * r] as string;
      const sinkRun = runIds[2 * r + 1] as string;
      const payload = encodeStepRowsBinary(copyRun, 0, flat, ROWS);
      await pool.query("CHECKPOINT").catch(() => undefined);
      copyMs.push(await timeRawCopy(pool, copyRun, payload));
      await pool.query("CHECKPOINT").catch(() => undefined);
      sinkMs.push(await timeSink(pool, sinkRun));
      opts.log(`round ${r + 1}: raw COPY ${(ROWS / (copyMs[r] as number) * 1000).toFixed(0)} rows/s, sink ${(ROWS / (sinkMs[r] as number) * 1000).toFixed(0)} rows/s`);
    }
    const rowsPerSecond = Math.round((ROWS / median(sinkMs)) * 1000);
    const copyRowsPerSecond = Math.round((ROWS / median(copyMs)) * 1000);
    const ratioToCopy = Number((rowsPerSecond / copyRowsPerSecond).toFixed(3));
    opts.log(`store: ${ROWS.toLocaleString("en-US")} steps; sink ${rowsPerSecond.toLocaleString("en-US")} rows/s, raw COPY ${copyRowsPerSecond.toLocaleString("en-US")} rows/s, ratio ${ratioToCopy} (goal ≥ 0.8)`);
    return { rows: ROWS, rowsPerSecond, copyRowsPerSecond, ratioToCopy };
  } finally {
    await pool.query(`DELETE FROM runs WHERE id = ANY($1::uuid[])`, [runIds]);
    await pool.query(`DELETE FROM datasets WHERE id = $1`, [datasetId]);
    await closePool();
  }
}
