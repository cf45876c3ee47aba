// Starts a TypeScript module in a worker thread. Node 20 does not apply `--import tsx` to worker
// threads, so a tiny ESM bootstrap loads the module through tsx's API (same under tsx and vitest).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

export const ENGINE_THREAD_ENTRY = new URL("./engine-thread.ts", import.meta.url);

export function startThread(entry: URL, workerData: unknown, transferList: ArrayBuffer[] = []): Worker {
  // tsx's package exports resolve to CJS under require; the ESM build sits next to it
  const api = pathToFileURL(require.resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const boot = `const { tsImport } = await import(${JSON.stringify(api)}); await tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)});`;
  return new Worker(boot, { eval: true, workerData, transferList });
}
