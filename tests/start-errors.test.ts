// `npm start` refuses bad set-ups with one clear line and a non-zero exit code, before serving.
import { spawnSync } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>): { status: number | null; stderr: string } {
  const res = spawnSync("node_modules/.bin/tsx", ["scripts/start.ts"], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
  return { status: res.status, stderr: res.stderr };
}

describe("npm start refusals", () => {
  it("names an invalid variable and what it accepts", () => {
    const r = start({ PORT: "3000", DATABASE_URL: "mysql://localhost/x" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/DATABASE_URL="mysql:\/\/localhost\/x": expected postgresql:\/\//);
  });

  it("names an unreachable database", () => {
    const r = start({ PORT: "3999", DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
  });

  it("names a web port already in use", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = start({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL ?? "" });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`Port ${port} \\(web server\\) is already in use`));
    } finally {
      server.close();
    }
  });
});
