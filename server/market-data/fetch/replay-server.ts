// Test helper: a local HTTP server (ephemeral port) that replays recorded exchange responses from a
// fixture file, matching each request by path and query, and logs every request it saw. Entries
// marked `once` are served a single time (a 429 or an error page followed by the real answer).
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

const responseSchema = z.object({
  match: z.object({ path: z.string(), query: z.record(z.string(), z.string()).default({}) }),
  once: z.boolean().optional(),
  status: z.number().int(),
  contentType: z.string().optional(),
  body: z.unknown().optional(),
  bodyText: z.string().optional(),
});
export const replayFixtureSchema = z.object({ description: z.string(), responses: z.array(responseSchema) });
export type ReplayFixture = z.infer<typeof replayFixtureSchema>;

export interface ReplayedRequest {
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface ReplayServer {
  baseUrl: string;
  requests: ReplayedRequest[];
  /** replaces the fixture being served (e.g. an outage, then the healed venue) */
  use(fixture: ReplayFixture): void;
  close(): Promise<void>;
}

export function readReplayFixture(file: string): ReplayFixture {
  return replayFixtureSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export async function startReplayServer(initial: ReplayFixture): Promise<ReplayServer> {
  let fixture = initial;
  let used = new Set<number>();
  const requests: ReplayedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://replay");
    const query = Object.fromEntries(url.searchParams.entries());
    const idx = fixture.responses.findIndex(
      (r, i) => !used.has(i) && r.match.path === url.pathname && Object.entries(r.match.query).every(([k, v]) => query[k] === v) && Object.keys(query).length === Object.keys(r.match.query).length,
    );
    const entry = idx === -1 ? undefined : fixture.responses[idx];
    if (!entry) {
      requests.push({ path: url.pathname, query, status: 404 });
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `no recorded response for ${url.pathname}${url.search}` }));
      return;
    }
    if (entry.once) used.add(idx);
    requests.push({ path: url.pathname, query, status: entry.status });
    res.writeHead(entry.status, { "content-type": entry.contentType ?? "application/json" });
    res.end(entry.bodyText ?? JSON.stringify(entry.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    use(next) {
      fixture = next;
      used = new Set();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
