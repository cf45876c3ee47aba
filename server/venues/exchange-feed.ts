// The exchange market-data feed of a live session: polls mark price, funding rate and next funding
// time per symbol through ccxt; on failure it goes degraded and reconnects with exponential backoff,
// logs the gap once data flows again, and faults after too many consecutive failures. It shares the
// engine's lifecycle names (ready → running → degraded → faulted → stopped) so the health panel can
// show it next to the engine components.
import type { ComponentState } from "../engine/core/component";

export interface FundingSource {
  fundingSnapshot(symbol: string): Promise<{ mark: number; rate: number; nextFundingTime: number }>;
}

export interface FeedQuote {
  mark: number;
  rate: number;
  nextFundingTime: number;
}

export interface FeedEvent {
  type: "FeedConnected" | "FeedDisconnected" | "FeedReconnected" | "DataGapLogged" | "FeedFaulted";
  time: number;
  payload: Record<string, string | number>;
}

export interface ExchangeFeedOptions {
  symbols: readonly string[];
  /** Normal wait between polls. */
  intervalMs: number;
  /** First retry wait after a failure; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Consecutive failed polls after which the feed is faulted. */
  faultAfter?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onEvent?: (ev: FeedEvent) => void;
}

export class ExchangeFeed {
  state: ComponentState = "ready";
  readonly quotes = new Map<string, FeedQuote>();
  lastUpdate = Number.NaN;
  /** successful polls */
  updates = 0;
  errorCount = 0;
  lastError: string | null = null;
  consecutiveFailures = 0;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly faultAfter: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private disconnectedAt = Number.NaN;

  constructor(
    private readonly source: FundingSource,
    private readonly opts: ExchangeFeedOptions,
  ) {
    this.backoffMs = opts.backoffMs ?? 1_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 60_000;
    this.faultAfter = opts.faultAfter ?? 10;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private emit(type: FeedEvent["type"], payload: FeedEvent["payload"]): void {
    this.opts.onEvent?.({ type, time: this.now(), payload });
  }

  /** Wait before the next poll: the interval when healthy, else the backoff for the failures so far. */
  nextWaitMs(): number {
    if (this.consecutiveFailures === 0) return this.opts.intervalMs;
    return Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (this.consecutiveFailures - 1));
  }

  /** One poll of every symbol; true when all quotes were refreshed. */
  async poll(): Promise<boolean> {
    if (this.state === "faulted" || this.state === "stopped") return false;
    try {
      const fresh = await Promise.all(this.opts.symbols.map(async (s) => [s, await this.source.fundingSnapshot(s)] as const));
      for (const [s, q] of fresh) this.quotes.set(s, q);
      const t = this.now();
      if (this.state === "ready") this.emit("FeedConnected", { symbols: this.opts.symbols.join(",") });
      if (this.consecutiveFailures > 0) {
        this.emit("FeedReconnected", { afterFailures: this.consecutiveFailures });
        // the quotes between the last good poll and now were never seen: say so
        // a feed that never had data counts its gap from the first failure
        const from = Number.isFinite(this.lastUpdate) ? this.lastUpdate : this.disconnectedAt;
        this.emit("DataGapLogged", { from, to: t, gapMs: t - from, missedPolls: this.consecutiveFailures });
      }
      this.consecutiveFailures = 0;
      this.disconnectedAt = Number.NaN;
      this.lastUpdate = t;
      this.updates++;
      this.state = "running";
      return true;
    } catch (err) {
      this.errorCount++;
      this.consecutiveFailures++;
      this.lastError = err instanceof Error ? `${err.constructor.name}: ${err.message.slice(0, 200)}` : String(err);
      if (this.consecutiveFailures === 1) {
        this.disconnectedAt = this.now();
        this.emit("FeedDisconnected", { error: this.lastError });
      }
      if (this.consecutiveFailures >= this.faultAfter) {
        this.state = "faulted";
        this.emit("FeedFaulted", { failures: this.consecutiveFailures, since: this.disconnectedAt, error: this.lastError });
      } else this.state = "degraded";
      return false;
    }
  }

  /** Polls until aborted or faulted, waiting the interval (or the backoff) between polls. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.state !== "faulted") {
      await this.poll();
      await this.sleep(this.nextWaitMs(), signal);
    }
    if (this.state !== "faulted") this.state = "stopped";
  }
}
