// Decides whether the production build is missing or older than any source it was built from.
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "server", "public", "generated", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"];
const SKIP = /(\.test\.ts$|\/fixtures\/|\/node_modules\/)/;

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return SKIP.test(p) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildIsStale(root: string): { stale: boolean; reason: string } {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return { stale: true, reason: "no production build yet" };
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return newest > builtAt ? { stale: true, reason: "sources changed since the last build" } : { stale: false, reason: "build is up to date" };
}
