// The data router through a server-side caller: list/coverage DTOs, the import path refused with a
// field error, the generate mutation enqueuing its job, and the SSE progress stream of a task.
import { isTrackedEnvelope } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { closePool, getPool } from "../../db/pool";
import { AppError } from "../../errors";
import { stopBoss } from "../../jobs/queue";
import { createDataTask, type DataTask } from "../../market-data/overview/data-tasks";
import { runGenerateSyntheticTask } from "../../market-data/overview/run-data-tasks";
import { createCallerFactory } from "../trpc";
import { dataRouter } from "./data";

const caller = createCallerFactory(dataRouter)({ headers: new Headers() });

afterAll(async () => {
  await stopBoss();
  await closePool();
});

describe("data router", () => {
  it("refuses an import directory that does not exist, with a field error on path", async () => {
    const err = await caller.importDirectory({ path: "/no/such/dir-for-basis-lab" }).catch((e: unknown) => e);
    const cause = (err as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(AppError);
    expect((cause as AppError).fieldErrors?.path?.[0]).toBe("directory not found: /no/such/dir-for-basis-lab");
  });

  it("enqueues the generate job for the worker and records a queued task", async () => {
    const task = await caller.generateSynthetic({ seed: 11, days: 2 });
    expect(task).toMatchObject({ kind: "generate-synthetic", status: "queued", progress: 0 });
    const { rows } = await getPool().query(`SELECT data FROM pgboss.job WHERE name = 'data-generate-synthetic'`);
    expect(rows.map((r: { data: { taskId: string } }) => r.data.taskId)).toContain(task.id);
    expect(rows.find((r: { data: { taskId: string } }) => r.data.taskId === task.id)?.data).toMatchObject({ seed: 11, days: 2, name: "synthetic-seed11" });
  });

  it("streams a task's progress until it is done, never going backwards", async () => {
    const pool = getPool();
    const task = await createDataTask(pool, "generate-synthetic", { seed: 5 });
    const stream = await caller.taskProgress({ taskId: task.id });
    const seen: DataTask[] = [];
    const work = runGenerateSyntheticTask(pool, { taskId: task.id, seed: 5, name: `stream-${process.pid}`, days: 2 });
    for await (const ev of stream) {
      // a server-side caller yields the raw tracked envelope [id, data, symbol] (stack-notes §7)
      const data = (isTrackedEnvelope(ev) ? ev[1] : ev) as DataTask;
      seen.push(data);
    }
    await work;
    expect(seen.at(-1)).toMatchObject({ status: "done", progress: 1, datasetName: `stream-${process.pid}` });
    for (let i = 1; i < seen.length; i++) expect((seen[i] as DataTask).progress).toBeGreaterThanOrEqual((seen[i - 1] as DataTask).progress);

    const list = await caller.list();
    const mine = list.find((d) => d.name === `stream-${process.pid}`);
    expect(mine).toMatchObject({ source: "synthetic", seed: 5, version: 1 });
    const cov = await caller.coverage({ name: `stream-${process.pid}` });
    expect(cov.series.find((s) => s.id === "perp:okx:BTCUSDT")?.count).toBe(48);
  });

  it("answers NOT_FOUND for an unknown data set", async () => {
    const err = await caller.coverage({ name: "no-such-dataset" }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe("NOT_FOUND");
  });
});
