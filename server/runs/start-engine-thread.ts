// Starts TypeScript modules in worker threads. Node 20 does not apply `--import tsx` to worker
// threads, so a tiny ESM bootstrap loads the module through tsx's API (same under tsx and vitest).
// Engine threads are kept one ahead: booting one (tsx + engine modules) takes ~250 ms, so a
// booted, idle thread waits for the next run's input message.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

export const ENGINE_THREAD_ENTRY = new URL("./engine-thread.ts", import.meta.url);

export function startThread(entry: URL, workerData?: unknown, transferList: ArrayBuffer[] = []): Worker {
  // tsx's package exports resolve to CJS under require; the ESM build sits next to it
  const api = pathToFileURL(require.resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const boot = `const { tsImport } = await import(${JSON.stringify(api)}); await tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)});`;
  return new Worker(boot, { eval: true, workerData, transferList });
}

const idle = new Map<string, Worker>();

function bootIdle(entry: URL): void {
  const thread = startThread(entry);
  // an idle thread must not keep the process alive, and one that dies idle is simply dropped
  thread.unref();
  const drop = () => {
    if (idle.get(entry.href) === thread) idle.delete(entry.href);
  };
  thread.once("error", drop);
  thread.once("exit", drop);
  idle.set(entry.href, thread);
}

/**
 * A thread running `entry` that waits for one input message (post it right away: messages queue
 * until the module listens). Hands out the pre-booted one when there is one and boots the next.
 */
export function takeEngineThread(entry: URL): Worker {
  const ready = idle.get(entry.href);
  idle.delete(entry.href);
  const thread = ready ?? startThread(entry);
  thread.ref();
  bootIdle(entry);
  return thread;
}
