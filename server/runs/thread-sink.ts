// The results sink as it runs inside the engine thread: batches steps and events, encodes each
// batch for COPY right there (so the worker's main thread only does I/O) and posts it with its
// step buffer transferred, not copied.
import { parentPort } from "node:worker_threads";
import { createBatchingSink, type BatchingSink } from "./batching-sink";
import { encodeBatch } from "./copy-encoding";
import type { EngineThreadMessage } from "./engine-thread-protocol";

export function postToWorker(msg: EngineThreadMessage): void {
  if (msg.kind === "batch" && msg.batch.steps) parentPort?.postMessage(msg, [msg.batch.steps.buffer as ArrayBuffer]);
  else parentPort?.postMessage(msg);
}

export function createThreadSink(runId: string, batchRows: number): BatchingSink {
  return createBatchingSink((batch) => postToWorker({ kind: "batch", batch: encodeBatch(runId, batch) }), batchRows);
}
