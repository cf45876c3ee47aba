// Executes one run on the worker: claim (clearing earlier attempts' rows) → load the data set → run
// the engine in a thread → COPY each batch in its own transaction with progress → complete, fail
// or cancel atomically. Heartbeats while running so a SIGKILLed worker is detected.
import type pg from "pg";
import type { Worker } from "node:worker_threads";
import { DatasetInvalidError, DatasetNotFoundError } from "../market-data/store";
import type { MarketData } from "../market-data/series";
import { DEFAULT_BATCH_ROWS } from "./batching-sink";
import { claimRun, type ClaimedRun } from "./claim-run";
import type { EngineThreadInput, EngineThreadMessage } from "./engine-thread-protocol";
import { beatRun, cancelClaimedRun, completeRun, failRun, requeueRun } from "./finish-run";
import { RUN_ERROR_CODES, RUN_HEARTBEAT_MS, RUN_STALE_MS } from "./run-error-codes";
import { loadDatasetCached } from "./dataset-cache";
import { ENGINE_THREAD_ENTRY, takeEngineThread } from "./start-engine-thread";
import type { EncodedBatch } from "./copy-encoding";
import { RunFencedError, writeRunBatch } from "./write-run-batch";

export type ExecuteRunOutcome = "succeeded" | "failed" | "cancelled" | "skipped" | "requeued";

export interface ExecuteRunOptions {
  pool: pg.Pool;
  workerId: string;
  /** Aborted when the worker shuts down: the run goes back to the queue. */
  signal?: AbortSignal;
  /** Thread module speaking the engine-thread protocol (tests pass a scripted fake engine). */
  engineThread?: URL;
  batchRows?: number;
  staleMs?: number;
  heartbeatMs?: number;
}

export async function executeRun(runId: string, opts: ExecuteRunOptions): Promise<ExecuteRunOutcome> {
  const { pool } = opts;
  const run = await claimRun(pool, runId, opts.workerId, opts.staleMs ?? RUN_STALE_MS);
  if (!run) return "skipped";
  let data: MarketData;
  try {
    data = await loadDatasetCached(pool, run.datasetId);
  } catch (err) {
    if (err instanceof DatasetNotFoundError || err instanceof DatasetInvalidError) {
      await failRun(pool, run, RUN_ERROR_CODES.DATA_MISSING, `data set ${run.datasetId} could not be loaded: ${err.message}`);
      return "failed";
    }
    // a transient failure (database hiccup): hand the run back and let pg-boss retry the job
    await requeueRun(pool, run).catch(() => undefined);
    throw err;
  }
  const input: EngineThreadInput = {
    runId: run.runId,
    mode: run.mode,
    params: run.config,
    data,
    start: run.windowStart.getTime(),
    end: run.windowEnd.getTime(),
    capital: run.capital,
    batchRows: opts.batchRows ?? DEFAULT_BATCH_ROWS,
    ...(run.signalCsv !== null ? { signalCsv: run.signalCsv } : {}),
  };
  const thread = takeEngineThread(opts.engineThread ?? ENGINE_THREAD_ENTRY);
  // the cached data set is copied (structured clone), not transferred: the next run reuses it
  thread.postMessage(input);
  return superviseThread(thread, run, opts);
}

function superviseThread(thread: Worker, run: ClaimedRun, opts: ExecuteRunOptions): Promise<ExecuteRunOutcome> {
  const { pool } = opts;
  return new Promise<ExecuteRunOutcome>((resolve, reject) => {
    let settled = false;
    // batches are written strictly in order; the last one is held back to commit with completion
    let chain: Promise<unknown> = Promise.resolve();
    let held: EncodedBatch | null = null;

    const stop = (finish: () => Promise<ExecuteRunOutcome>) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      void thread.terminate();
      // let in-flight batch transactions end before the terminal transition; a failed batch write
      // wins over completion (never mark a run succeeded with a batch missing)
      chain
        .then(finish)
        .then(resolve, (err: unknown) => {
          if (err instanceof RunFencedError) resolve("skipped");
          else reject(err);
        });
    };
    const onError = (err: unknown) => {
      if (err instanceof RunFencedError) stop(async () => "skipped");
      else stop(() => Promise.reject(err));
    };

    const timer = setInterval(() => {
      beatRun(pool, run).then((state) => {
        if (!state) stop(async () => "skipped");
        else if (state.cancelRequested) stop(async () => (await cancelClaimedRun(pool, run), "cancelled"));
      }, onError);
    }, opts.heartbeatMs ?? RUN_HEARTBEAT_MS);

    const onAbort = () => stop(async () => (await requeueRun(pool, run), "requeued"));
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();

    thread.on("message", (msg: EngineThreadMessage) => {
      if (settled) return;
      if (msg.kind === "batch") {
        const previous = held;
        // already encoded by the engine thread: this thread only writes
        held = msg.batch;
        if (previous) {
          const write = previous;
          chain = chain.then(() => writeRunBatch(pool, run, write)).then((state) => {
            if (state.cancelRequested) stop(async () => (await cancelClaimedRun(pool, run), "cancelled"));
          });
          chain.catch(onError);
        }
      } else if (msg.kind === "done") {
        const last = held;
        held = null;
        stop(async () => (await completeRun(pool, run, last, { summary: msg.summary, details: msg.details }), "succeeded"));
      } else {
        const last = held;
        held = null;
        stop(async () => {
          // keep the rows and events up to the failure: they explain it
          if (last) await writeRunBatch(pool, run, last);
          await failRun(pool, run, msg.code, msg.message);
          return "failed";
        });
      }
    });
    thread.on("error", (err: Error) => stop(async () => (await failRun(pool, run, RUN_ERROR_CODES.INTERNAL, `engine thread crashed: ${err.message}`), "failed")));
    thread.on("exit", (code) => {
      if (!settled) stop(async () => (await failRun(pool, run, RUN_ERROR_CODES.INTERNAL, `engine thread exited (code ${code}) without a result`), "failed"));
    });
  });
}
