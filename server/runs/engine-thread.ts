// Worker-thread entry that runs one backtest with the thread sink (batches encoded for COPY here)
// and posts them and the final summary or error to the worker. It boots ahead of time and waits
// for its input message.
import { parentPort } from "node:worker_threads";
import { EngineError } from "../engine/core/errors";
import { runBacktestWithDetails } from "../engine/run-backtest";
import type { EngineThreadInput } from "./engine-thread-protocol";
import { createThreadSink, postToWorker } from "./thread-sink";

function run(input: EngineThreadInput): void {
  const sink = createThreadSink(input.runId, input.batchRows);
  try {
    const result = runBacktestWithDetails({ mode: input.mode, params: input.params, data: input.data, start: input.start, end: input.end, capital: input.capital, sink, ...(input.signalCsv !== undefined ? { signalCsv: input.signalCsv } : {}) });
    sink.flush();
    postToWorker({ kind: "done", summary: result.summary, details: result.details });
  } catch (err) {
    if (err instanceof EngineError) postToWorker({ kind: "failed", code: err.code, message: err.message });
    else postToWorker({ kind: "failed", code: "INTERNAL", message: err instanceof Error ? err.message : String(err) });
  }
}

parentPort?.once("message", (input: EngineThreadInput) => run(input));
