// Messages between the worker and the thread that runs the (synchronous) engine: the input, then a
// stream of result batches and one final message. The thread keeps the worker's event loop free
// to write batches, beat the heartbeat and honour cancels while the engine computes.
import type { MarketData } from "../market-data/series";
import type { RunDetails, RunSummary } from "../engine/types";
import type { EncodedBatch } from "./copy-encoding";

export interface EngineThreadInput {
  runId: string;
  mode: string;
  params: Record<string, unknown>;
  data: MarketData;
  start: number;
  end: number;
  capital: number;
  batchRows: number;
  /** The run's uploaded signal CSV text (directional modes with signalSource csv). */
  signalCsv?: string;
}

export type EngineThreadMessage =
  | { kind: "batch"; batch: EncodedBatch }
  | { kind: "done"; summary: RunSummary; details: RunDetails }
  | { kind: "failed"; code: string; message: string };
