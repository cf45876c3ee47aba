// A live exchange venue over ccxt (Binance USDⓈ-M here): market orders carry a client order id,
// so a retry after a timeout, a dropped connection or a 5xx can never double-fill — before sending
// again it looks the order up by that id, and a "duplicated client order id" answer is resolved the
// same way. Rejections are returned as values (no retry); transient faults retry with backoff
// (3 times, 100 ms doubling: domain §4.3). Testnet unless mainnet is explicitly allowed.
import ccxt from "ccxt";

export interface ExchangeVenueOptions {
  apiKey: string;
  secret: string;
  /** Send requests here instead of the exchange (the fake exchange in tests, a proxy). */
  baseUrl?: string;
  /** Testnet by default; mainnet only when allowMainnet is also true. */
  testnet?: boolean;
  allowMainnet?: boolean;
  timeoutMs?: number;
  maxRetries?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Receives one line per retry/recovery (never credentials). */
  log?: (line: string) => void;
}

export interface MarketOrderRequest {
  /** ≤ 36 chars of [A-Za-z0-9._:/-]; the same id on every retry of one logical order */
  clientOrderId: string;
  /** ccxt unified symbol, e.g. BTC/USDT:USDT */
  symbol: string;
  side: "buy" | "sell";
  amount: number;
}

export type OrderOutcome =
  | { status: "filled"; clientOrderId: string; orderId: string; filled: number; avgPrice: number; attempts: number; recovered: boolean }
  | { status: "rejected"; clientOrderId: string; code: string; message: string; attempts: number };

const CLIENT_ID = /^[.A-Za-z0-9:/_-]{1,36}$/;

/** The client order id of engine order `orderId` in session `sessionId` (stable across restarts). */
export function clientOrderIdFor(sessionId: string, orderId: number): string {
  return `bl-${sessionId.replace(/-/g, "").slice(0, 12)}-${orderId}`;
}

function rebase(api: unknown, base: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof api !== "object" || api === null) return out;
  for (const [key, url] of Object.entries(api)) {
    if (typeof url !== "string") continue;
    const m = /^https?:\/\/[^/]+(\/.*)?$/.exec(url);
    out[key] = `${base.replace(/\/$/, "")}${m?.[1] ?? ""}`;
  }
  return out;
}

const isDuplicateId = (e: unknown): boolean => e instanceof ccxt.ExchangeError && /-4116|duplicat/i.test(e.message);

export class CcxtExchangeVenue {
  readonly exchange: InstanceType<typeof ccxt.binanceusdm>;
  private readonly maxRetries: number;
  private readonly retryDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: (line: string) => void;

  constructor(opts: ExchangeVenueOptions) {
    const testnet = opts.testnet ?? true;
    if (!testnet && !opts.allowMainnet) throw new Error("mainnet trading needs an explicit allowMainnet setting");
    this.exchange = new ccxt.binanceusdm({ apiKey: opts.apiKey, secret: opts.secret, enableRateLimit: false, timeout: opts.timeoutMs ?? 10_000 });
    this.exchange.options.fetchCurrencies = false;
    if (opts.baseUrl) this.exchange.urls.api = rebase(this.exchange.urls.api, opts.baseUrl);
    else if (testnet) this.exchange.setSandboxMode(true);
    this.maxRetries = opts.maxRetries ?? 3;
    this.retryDelayMs = opts.retryDelayMs ?? 100;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.log = opts.log ?? (() => undefined);
  }

  private async lookUp(req: MarketOrderRequest): Promise<{ orderId: string; filled: number; avgPrice: number } | null> {
    try {
      const o = await this.exchange.fetchOrder("", req.symbol, { origClientOrderId: req.clientOrderId });
      return { orderId: String(o.id), filled: o.filled ?? 0, avgPrice: o.average ?? o.price ?? 0 };
    } catch (e) {
      if (e instanceof ccxt.OrderNotFound || e instanceof ccxt.NetworkError) return null;
      throw e;
    }
  }

  /** Places a market order idempotently; never throws for exchange answers (rejections are values). */
  async submitMarketOrder(req: MarketOrderRequest): Promise<OrderOutcome> {
    if (!CLIENT_ID.test(req.clientOrderId)) throw new Error(`invalid client order id ${req.clientOrderId}`);
    let delay = this.retryDelayMs;
    let lastError = "";
    for (let attempt = 1; attempt <= this.maxRetries + 1; attempt++) {
      try {
        const o = await this.exchange.createOrder(req.symbol, "market", req.side, req.amount, undefined, { clientOrderId: req.clientOrderId });
        return { status: "filled", clientOrderId: req.clientOrderId, orderId: String(o.id), filled: o.filled ?? req.amount, avgPrice: o.average ?? o.price ?? 0, attempts: attempt, recovered: false };
      } catch (e) {
        if (isDuplicateId(e)) {
          // an earlier attempt went through: that order is the answer
          const found = await this.lookUp(req);
          if (found) return { status: "filled", clientOrderId: req.clientOrderId, ...found, attempts: attempt, recovered: true };
          lastError = "duplicate client order id but the order cannot be found";
        } else if (e instanceof ccxt.AuthenticationError) {
          return { status: "rejected", clientOrderId: req.clientOrderId, code: "VEN-005", message: e.message, attempts: attempt };
        } else if (e instanceof ccxt.NetworkError) {
          // timeout, dropped connection, 5xx, rate limit: the order may or may not exist
          lastError = `${e.constructor.name}: ${e.message.slice(0, 200)}`;
          this.log(`order ${req.clientOrderId}: attempt ${attempt} failed (${e.constructor.name}); checking before retrying`);
          const found = await this.lookUp(req);
          if (found) return { status: "filled", clientOrderId: req.clientOrderId, ...found, attempts: attempt, recovered: true };
        } else if (e instanceof ccxt.ExchangeError) {
          return { status: "rejected", clientOrderId: req.clientOrderId, code: "EXEC-007", message: e.message, attempts: attempt };
        } else throw e;
      }
      if (attempt <= this.maxRetries) {
        await this.sleep(delay);
        delay *= 2;
      }
    }
    return { status: "rejected", clientOrderId: req.clientOrderId, code: "EXEC-006", message: `retry limit reached: ${lastError}`, attempts: this.maxRetries + 1 };
  }

  /** Venue-reported perp sizes (signed, base units) by unified symbol, for reconciliation. */
  async reportPositions(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const p of await this.exchange.fetchPositions()) {
      const size = (p.contracts ?? 0) * (p.contractSize ?? 1) * (p.side === "short" ? -1 : 1);
      if (p.symbol) out[p.symbol] = size;
    }
    return out;
  }

  async usdtBalance(): Promise<number> {
    const b = await this.exchange.fetchBalance();
    const total = b.total as unknown as Record<string, number | undefined> | undefined;
    return Number(total?.USDT ?? 0);
  }

  /** Mark price, funding rate and next funding time: the live feed's per-venue inputs. */
  async fundingSnapshot(symbol: string): Promise<{ mark: number; rate: number; nextFundingTime: number }> {
    const f = await this.exchange.fetchFundingRate(symbol);
    return { mark: f.markPrice ?? 0, rate: f.fundingRate ?? 0, nextFundingTime: f.fundingTimestamp ?? f.nextFundingTimestamp ?? 0 };
  }
}
