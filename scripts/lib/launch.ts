// Shared by `npm start`, `npm run dev` and `npm test`: validated env, a free port, a prepared
// database, child processes that stop with us, and one-line fatal errors.
import net from "node:net";
import { spawn, type ChildProcess } from "node:child_process";
import { EnvError, getEnv, type Env } from "../../server/env";
import { StartupError } from "../../server/db/embedded-postgres";
import { prepareDatabase, type PreparedDatabase } from "../../server/db/prepare-database";

export const log = (line: string) => console.log(`[basis-lab] ${line}`);

export function fail(message: string): never {
  console.error(`[basis-lab] error: ${message}`);
  process.exit(1);
}

export function loadEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (err) {
    if (err instanceof EnvError) fail(err.message);
    throw err;
  }
}

export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(new StartupError(err.code === "EADDRINUSE" ? `Port ${port} (${what}) is already in use: stop whatever uses it or set PORT to a free port.` : `Cannot listen on port ${port}: ${err.message}`));
    });
    server.listen(port, () => server.close(() => resolve()));
  });
}

export async function prepareDatabaseOrExit(env: Env): Promise<PreparedDatabase> {
  try {
    return await prepareDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_PG_PORT, migrate: true, log });
  } catch (err) {
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
}

export interface Children {
  spawn: (name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, opts?: { restart?: boolean }) => ChildProcess;
  stopAll: () => Promise<void>;
}

/**
 * Children share our stdout/stderr (and, with `logTo`, also write there: the e2e suite greps the
 * servers' logs for secrets); restartable ones (the worker) come back after a crash.
 */
export function createChildren(onFatal: (name: string, code: number | null) => void, logTo?: NodeJS.WritableStream): Children {
  const running = new Map<string, ChildProcess>();
  let stopping = false;
  const start = (name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, opts?: { restart?: boolean }): ChildProcess => {
    const child = spawn(cmd, args, { env, stdio: logTo ? ["ignore", "pipe", "pipe"] : "inherit" });
    if (logTo) {
      child.stdout?.on("data", (chunk: Buffer) => {
        process.stdout.write(chunk);
        logTo.write(chunk);
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        process.stderr.write(chunk);
        logTo.write(chunk);
      });
    }
    running.set(name, child);
    child.on("exit", (code, signal) => {
      running.delete(name);
      if (stopping) return;
      if (opts?.restart) {
        log(`${name} exited (${signal ?? code}); restarting in 2 s`);
        setTimeout(() => { if (!stopping) start(name, cmd, args, env, opts); }, 2_000);
      } else onFatal(name, code);
    });
    return child;
  };
  return {
    spawn: start,
    stopAll: async () => {
      stopping = true;
      await Promise.all(
        [...running.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
              child.once("exit", () => { clearTimeout(timer); resolve(); });
              child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}
