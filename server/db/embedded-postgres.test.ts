// Start-up refusals of the embedded PostgreSQL: each stops with one clear message and deletes nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, StartupError } from "./embedded-postgres";

const dirs: string[] = [];
function tempRoot(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "basislab-pg-"));
  fs.chmodSync(d, 0o755);
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("startEmbeddedPostgres refusals", () => {
  it("says so when another live process holds the data directory", async () => {
    const root = tempRoot();
    const other = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(path.join(root, "embedded-postgres.lock"), JSON.stringify({ pid: other.pid, port: 1, startedAt: "2026-01-01T00:00:00Z" }));
      const started = startEmbeddedPostgres({ dataDir: root, port: 54999 });
      await expect(started).rejects.toBeInstanceOf(StartupError);
      await expect(startEmbeddedPostgres({ dataDir: root, port: 54999 })).rejects.toThrow(new RegExp(`already running .*pid ${other.pid}`));
      expect(fs.existsSync(path.join(root, "embedded-postgres.lock"))).toBe(true);
    } finally {
      other.kill();
    }
  });

  it("refuses a cluster of another PostgreSQL major version without touching it", async () => {
    const root = tempRoot();
    const cluster = path.join(root, "postgres");
    fs.mkdirSync(cluster);
    fs.writeFileSync(path.join(cluster, "PG_VERSION"), "15\n");
    fs.writeFileSync(path.join(cluster, "precious"), "data");
    await expect(startEmbeddedPostgres({ dataDir: root, port: 54999 })).rejects.toThrow(/PostgreSQL 15 cluster but the embedded server is PostgreSQL 18/);
    expect(fs.readFileSync(path.join(cluster, "precious"), "utf8")).toBe("data");
    expect(fs.existsSync(path.join(root, "embedded-postgres.lock"))).toBe(false);
  });

  it("refuses a non-empty directory that holds no cluster", async () => {
    const root = tempRoot();
    fs.mkdirSync(path.join(root, "postgres"));
    fs.writeFileSync(path.join(root, "postgres", "notes.txt"), "mine");
    await expect(startEmbeddedPostgres({ dataDir: root, port: 54999 })).rejects.toThrow(/not empty but holds no PostgreSQL cluster/);
    expect(fs.existsSync(path.join(root, "postgres", "notes.txt"))).toBe(true);
  });

  it.skipIf(process.getuid?.() !== 0)("names a parent directory the postgres user cannot enter", async () => {
    const root = tempRoot();
    const locked = path.join(root, "locked");
    fs.mkdirSync(locked, { mode: 0o700 });
    fs.chmodSync(locked, 0o700);
    await expect(startEmbeddedPostgres({ dataDir: path.join(locked, ".data"), port: 54999 })).rejects.toThrow(new RegExp(`cannot enter ${locked}`));
  });
});
