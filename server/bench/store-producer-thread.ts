// Producer thread of the store bench: stands in for the engine thread. After "go" it pushes
// `rows` deterministic steps through the real thread sink (flatten → batch → encode → post).
import { parentPort, workerData } from "node:worker_threads";
import { createStepRecord, type StepRecord } from "../engine/types";
import { createThreadSink } from "../runs/thread-sink";

const input = workerData as { runId: string; rows: number; batchRows: number };

/** A deterministic, varied step (no two rows alike, some nulls) so neither path is flattered. */
export function fillStep(rec: StepRecord, i: number): void {
  rec.time = Date.UTC(2024, 0, 1) + i * 3_600_000;
  rec.equity = 100_000 + Math.sin(i / 50) * 1_000 + i * 0.01;
  rec.nav = rec.equity / 100_000;
  rec.shares = 100_000;
  rec.cash = 1_000 + (i % 97);
  rec.attribution.funding = 0.5 + (i % 13) * 0.01;
  rec.attribution.pricePnl = Math.cos(i / 7);
  rec.attribution.fees = -(i % 5) * 0.1;
  rec.attribution.residual = 1e-9 * (i % 3);
  rec.netDelta.BTC = 1e-6 * (i % 11);
  rec.exposures.gross = 200_000 + i;
  rec.exposures.perpNotional = 100_000 + i / 2;
  rec.positions.binance = 40_000 + (i % 17);
  rec.risk.marginRatio.binance = 0.8 - (i % 100) / 1_000;
  rec.risk.healthFactor = i % 2 === 0 ? null : 1.8;
  rec.risk.liquidationDistance = 0.4;
  rec.action = i % 100 === 0 ? 1 : 0;
}

if (parentPort && input) {
  // records are built before "go": the engine computes them, the sink is what is measured
  const records: StepRecord[] = [];
  for (let i = 0; i < input.rows; i++) {
    const rec = createStepRecord();
    fillStep(rec, i);
    records.push(rec);
  }
  parentPort.once("message", () => {
    const sink = createThreadSink(input.runId, input.batchRows);
    sink.onProgress?.(0, input.rows);
    for (const rec of records) sink.onStep(rec);
    sink.flush();
    parentPort?.postMessage({ kind: "produced" });
  });
  parentPort.postMessage({ kind: "ready" });
}
