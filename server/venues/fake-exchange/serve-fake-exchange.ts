// `npx tsx server/venues/fake-exchange/serve-fake-exchange.ts --port 8787 --api-key K --secret S`:
// runs the fake Binance USDⓈ-M futures server for a manual demo of exchange-venue sessions (point
// LIVE_EXCHANGE_BASE_URL at it and store K/S as a Binance testnet key). Faults can be queued with
// `--fault kind[:path]` (drop, delay, reject, 5xx, fill-then-drop), each applied once.
import { z } from "zod";
import { CliUsageError, intFlag, parseCommandArgs } from "../../cli/cli-args";
import { FakeBinanceFutures, type FaultKind } from "./fake-binance-futures";

const FAULTS = ["drop", "delay", "reject", "5xx", "fill-then-drop"] as const;

async function main(): Promise<void> {
  const { flags } = parseCommandArgs(process.argv.slice(2), {
    positionals: z.tuple([]),
    repeated: ["fault"],
    flags: z.strictObject({
      port: intFlag(1, 65535).optional(),
      apiKey: z.string().min(8, "at least 8 characters"),
      secret: z.string().min(8, "at least 8 characters"),
      fault: z.array(z.string().regex(new RegExp(`^(${FAULTS.join("|")})(:/.*)?$`), `expected ${FAULTS.join("|")}[:/path]`)).optional(),
    }),
  });
  const fake = new FakeBinanceFutures({ apiKey: flags.apiKey, secret: flags.secret });
  for (const f of flags.fault ?? []) {
    const [kind, path] = f.split(/:(.*)/s) as [FaultKind, string | undefined];
    fake.inject({ kind, ...(path ? { path } : {}), ...(kind === "delay" ? { ms: 15_000 } : {}) });
  }
  const url = await fake.start(flags.port ?? 8787);
  console.log(`fake Binance USDⓈ-M futures listening on ${url} (set LIVE_EXCHANGE_BASE_URL=${url})`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(err instanceof CliUsageError ? err.exitCode : 1);
});
