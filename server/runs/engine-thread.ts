// Worker-thread entry that runs one backtest with the batching sink and posts batches (their step
// buffers transferred, not copied) and the final summary or error to the worker.
import { parentPort, workerData } from "node:worker_threads";
import { EngineError } from "../engine/core/errors";
import { runBacktestWithDetails } from "../engine/run-backtest";
import { createBatchingSink } from "./batching-sink";
import type { EngineThreadInput, EngineThreadMessage } from "./engine-thread-protocol";

function post(msg: EngineThreadMessage): void {
  if (msg.kind === "batch") parentPort?.postMessage(msg, [msg.batch.steps.buffer as ArrayBuffer]);
  else parentPort?.postMessage(msg);
}

const input = workerData as EngineThreadInput;
const sink = createBatchingSink((batch) => post({ kind: "batch", batch }), input.batchRows);
try {
  const result = runBacktestWithDetails({ mode: input.mode, params: input.params, data: input.data, start: input.start, end: input.end, capital: input.capital, sink });
  sink.flush();
  post({ kind: "done", summary: result.summary, details: result.details });
} catch (err) {
  if (err instanceof EngineError) post({ kind: "failed", code: err.code, message: err.message });
  else post({ kind: "failed", code: "INTERNAL", message: err instanceof Error ? err.message : String(err) });
}
