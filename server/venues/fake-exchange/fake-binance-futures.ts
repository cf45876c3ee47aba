// A fake Binance USDⓈ-M futures exchange on localhost (node:http) for fault tests: speaks the REST
// subset ccxt's binanceusdm uses (time, exchangeInfo, premiumIndex, ticker, order placement and
// lookup by client order id, positionRisk, balance, leverageBracket), checks HMAC signatures, fills
// market orders at the mark, and can be told to drop, delay, reject, answer 5xx, or fill an order
// and then drop the response (the case client order ids exist for).
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FaultKind = "drop" | "delay" | "reject" | "5xx" | "fill-then-drop";

export interface Fault {
  kind: FaultKind;
  /** only requests whose path contains this (e.g. "/fapi/v1/order") */
  path?: string;
  /** only this HTTP method */
  method?: string;
  /** delay in ms (kind "delay") */
  ms?: number;
  /** how many matching requests it applies to (default 1) */
  times?: number;
}

export interface FakeOrder {
  orderId: number;
  clientOrderId: string;
  symbol: string;
  side: "BUY" | "SELL";
  qty: number;
  price: number;
  time: number;
}

export interface FakeExchangeOptions {
  apiKey: string;
  secret: string;
  marks?: Record<string, number>;
  fundingRates?: Record<string, number>;
  usdt?: number;
  /** taker fee rate (fraction of notional) */
  takerFee?: number;
}

interface Position {
  size: number;
  entry: number;
}

const SYMBOLS: Record<string, { base: string; quote: string }> = { BTCUSDT: { base: "BTC", quote: "USDT" }, ETHUSDT: { base: "ETH", quote: "USDT" } };

function marketInfo(symbol: string) {
  const s = SYMBOLS[symbol] as { base: string; quote: string };
  return {
    symbol,
    pair: symbol,
    contractType: "PERPETUAL",
    deliveryDate: 4133404800000,
    onboardDate: 1569398400000,
    status: "TRADING",
    maintMarginPercent: "2.5000",
    requiredMarginPercent: "5.0000",
    baseAsset: s.base,
    quoteAsset: s.quote,
    marginAsset: "USDT",
    pricePrecision: 2,
    quantityPrecision: 3,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: "COIN",
    underlyingSubType: [],
    settlePlan: 0,
    triggerProtect: "0.0500",
    liquidationFee: "0.012500",
    marketTakeBound: "0.05",
    filters: [
      { filterType: "PRICE_FILTER", minPrice: "0.10", maxPrice: "4529764", tickSize: "0.10" },
      { filterType: "LOT_SIZE", minQty: "0.001", maxQty: "1000", stepSize: "0.001" },
      { filterType: "MARKET_LOT_SIZE", minQty: "0.001", maxQty: "120", stepSize: "0.001" },
      { filterType: "MAX_NUM_ORDERS", limit: 200 },
      { filterType: "MIN_NOTIONAL", notional: "5" },
      { filterType: "PERCENT_PRICE", multiplierUp: "1.0500", multiplierDown: "0.9500", multiplierDecimal: "4" },
    ],
    orderTypes: ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"],
    timeInForce: ["GTC", "IOC", "FOK", "GTX"],
  };
}

export class FakeBinanceFutures {
  readonly opts: Required<FakeExchangeOptions>;
  private server: http.Server | null = null;
  private faults: (Fault & { left: number })[] = [];
  private nextOrderId = 1000;
  readonly orders = new Map<string, FakeOrder>();
  readonly positions = new Map<string, Position>();
  usdt: number;
  /** every request seen (method + path + client order id), for assertions */
  readonly requests: { method: string; path: string; clientOrderId?: string; outcome: string }[] = [];

  constructor(opts: FakeExchangeOptions) {
    this.opts = { marks: { BTCUSDT: 42_000, ETHUSDT: 2_300 }, fundingRates: { BTCUSDT: 0.0001, ETHUSDT: 0.0001 }, usdt: 100_000, takerFee: 0.0005, ...opts };
    this.usdt = this.opts.usdt;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error("fake exchange is not listening");
    return `http://127.0.0.1:${addr.port}`;
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", () => resolve()));
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Queues a fault for the next matching request(s). */
  inject(f: Fault): void {
    this.faults.push({ ...f, left: f.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  setMark(symbol: string, price: number): void {
    this.opts.marks[symbol] = price;
  }

  private takeFault(method: string, path: string): Fault | null {
    const i = this.faults.findIndex((f) => (!f.path || path.includes(f.path)) && (!f.method || f.method === method));
    if (i < 0) return null;
    const f = this.faults[i] as Fault & { left: number };
    if (--f.left <= 0) this.faults.splice(i, 1);
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const raw = body.length > 0 ? body : url.search.slice(1);
    const params = new URLSearchParams(raw);
    const path = url.pathname;
    const clientOrderId = params.get("newClientOrderId") ?? params.get("origClientOrderId") ?? undefined;
    const record = (outcome: string) => this.requests.push({ method, path, ...(clientOrderId ? { clientOrderId } : {}), outcome });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };

    const fault = this.takeFault(method, path);
    if (fault?.kind === "delay") await new Promise((r) => setTimeout(r, fault.ms ?? 1000));
    if (fault?.kind === "drop") {
      record("dropped");
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "5xx") {
      record("503");
      res.writeHead(503, { "content-type": "text/html" });
      res.end("<html><body>503 Service Unavailable</body></html>");
      return;
    }
    if (fault?.kind === "reject") {
      record("rejected");
      return send(400, { code: -2019, msg: "Margin is insufficient." });
    }

    const isPrivate = !path.startsWith("/fapi/v1/time") && !path.startsWith("/fapi/v1/exchangeInfo") && !path.startsWith("/fapi/v1/premiumIndex") && !path.startsWith("/fapi/v1/ticker");
    if (isPrivate) {
      const problem = this.checkSignature(req, raw);
      if (problem) {
        record("auth-failed");
        return send(problem.status, { code: problem.code, msg: problem.msg });
      }
    }

    let status = 200;
    let payload: unknown;
    if (path === "/fapi/v1/time") payload = { serverTime: Date.now() };
    else if (path === "/fapi/v1/exchangeInfo") payload = { timezone: "UTC", serverTime: Date.now(), rateLimits: [], exchangeFilters: [], assets: [{ asset: "USDT", marginAvailable: true }], symbols: Object.keys(SYMBOLS).map(marketInfo) };
    else if (path === "/fapi/v1/premiumIndex") {
      const all = Object.keys(SYMBOLS).map((s) => this.premiumIndex(s));
      const one = params.get("symbol");
      payload = one ? all.find((p) => p.symbol === one) : all;
    } else if (path === "/fapi/v1/ticker/price" || path === "/fapi/v2/ticker/price") {
      const one = params.get("symbol");
      const all = Object.keys(SYMBOLS).map((s) => ({ symbol: s, price: String(this.opts.marks[s]), time: Date.now() }));
      payload = one ? all.find((p) => p.symbol === one) : all;
    } else if (path === "/fapi/v1/order" && method === "POST") [status, payload] = this.placeOrder(params);
    else if (path === "/fapi/v1/order" && method === "GET") [status, payload] = this.getOrder(params);
    else if (path === "/fapi/v3/positionRisk" || path === "/fapi/v2/positionRisk") payload = this.positionRisk();
    else if (path === "/fapi/v2/balance" || path === "/fapi/v3/balance") payload = [this.balanceRow()];
    else if (path === "/fapi/v2/account" || path === "/fapi/v3/account") payload = { assets: [this.balanceRow()], positions: this.positionRisk(), totalWalletBalance: String(this.usdt) };
    else if (path === "/fapi/v1/leverageBracket") payload = Object.keys(SYMBOLS).map((symbol) => ({ symbol, brackets: [{ bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 }] }));
    else {
      status = 404;
      payload = { code: -1000, msg: `fake exchange: ${method} ${path} is not implemented` };
    }
    if (fault?.kind === "fill-then-drop") {
      record(`${status === 200 ? "filled" : "failed"}-then-dropped`);
      req.socket.destroy();
      return;
    }
    record(String(status));
    send(status, payload);
  }

  private checkSignature(req: http.IncomingMessage, raw: string): { status: number; code: number; msg: string } | null {
    if (req.headers["x-mbx-apikey"] !== this.opts.apiKey) return { status: 401, code: -2014, msg: "API-key format invalid." };
    const i = raw.lastIndexOf("&signature=");
    if (i < 0) return { status: 400, code: -1022, msg: "Signature for this request is not valid." };
    const expected = Buffer.from(createHmac("sha256", this.opts.secret).update(raw.slice(0, i)).digest("hex"));
    const given = Buffer.from(raw.slice(i + "&signature=".length));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 400, code: -1022, msg: "Signature for this request is not valid." };
    return null;
  }

  private premiumIndex(symbol: string) {
    const now = Date.now();
    const mark = this.opts.marks[symbol] ?? 0;
    return {
      symbol,
      markPrice: mark.toFixed(2),
      indexPrice: (mark * 0.9999).toFixed(2),
      estimatedSettlePrice: mark.toFixed(2),
      lastFundingRate: String(this.opts.fundingRates[symbol] ?? 0),
      interestRate: "0.00010000",
      nextFundingTime: Math.ceil(now / 28_800_000) * 28_800_000,
      time: now,
    };
  }

  private orderJson(o: FakeOrder) {
    const qty = o.qty.toFixed(3);
    return {
      orderId: o.orderId,
      symbol: o.symbol,
      status: "FILLED",
      clientOrderId: o.clientOrderId,
      price: "0",
      avgPrice: o.price.toFixed(2),
      origQty: qty,
      executedQty: qty,
      cumQty: qty,
      cumQuote: (o.qty * o.price).toFixed(4),
      timeInForce: "GTC",
      type: "MARKET",
      reduceOnly: false,
      closePosition: false,
      side: o.side,
      positionSide: "BOTH",
      stopPrice: "0",
      workingType: "CONTRACT_PRICE",
      priceProtect: false,
      origType: "MARKET",
      updateTime: o.time,
      time: o.time,
    };
  }

  private placeOrder(params: URLSearchParams): [number, unknown] {
    const symbol = params.get("symbol") ?? "";
    const side = params.get("side");
    const qty = Number(params.get("quantity"));
    const clientOrderId = params.get("newClientOrderId") ?? `fake-${this.nextOrderId}`;
    if (!SYMBOLS[symbol]) return [400, { code: -1121, msg: "Invalid symbol." }];
    if ((side !== "BUY" && side !== "SELL") || !(qty > 0) || params.get("type") !== "MARKET") return [400, { code: -1102, msg: "Mandatory parameter was not sent, was empty/null, or malformed." }];
    // Binance refuses a client order id it has already seen: this is what makes retries idempotent
    if (this.orders.has(clientOrderId)) return [400, { code: -4116, msg: "ClientOrderId is duplicated." }];
    const price = this.opts.marks[symbol] ?? 0;
    const fee = qty * price * this.opts.takerFee;
    const pos = this.positions.get(symbol) ?? { size: 0, entry: 0 };
    const signed = side === "BUY" ? qty : -qty;
    const next = pos.size + signed;
    if (next === 0) pos.entry = 0;
    else if (pos.size === 0 || Math.sign(next) !== Math.sign(pos.size)) pos.entry = price; // opened or flipped
    else if (Math.abs(next) > Math.abs(pos.size)) pos.entry = (pos.entry * Math.abs(pos.size) + price * qty) / Math.abs(next); // added
    pos.size = Math.round(next * 1e9) / 1e9;
    this.positions.set(symbol, pos);
    this.usdt -= fee;
    const order: FakeOrder = { orderId: this.nextOrderId++, clientOrderId, symbol, side, qty, price, time: Date.now() };
    this.orders.set(clientOrderId, order);
    return [200, this.orderJson(order)];
  }

  private getOrder(params: URLSearchParams): [number, unknown] {
    const cid = params.get("origClientOrderId");
    const id = params.get("orderId");
    const o = cid ? this.orders.get(cid) : [...this.orders.values()].find((x) => String(x.orderId) === id);
    return o ? [200, this.orderJson(o)] : [400, { code: -2013, msg: "Order does not exist." }];
  }

  private positionRisk() {
    return Object.keys(SYMBOLS).map((symbol) => {
      const p = this.positions.get(symbol) ?? { size: 0, entry: 0 };
      const mark = this.opts.marks[symbol] ?? 0;
      return {
        symbol,
        positionSide: "BOTH",
        positionAmt: String(p.size),
        entryPrice: String(p.entry),
        breakEvenPrice: String(p.entry),
        markPrice: String(mark),
        unRealizedProfit: String(p.size * (mark - p.entry)),
        liquidationPrice: "0",
        isolatedMargin: "0",
        notional: String(p.size * mark),
        marginAsset: "USDT",
        isolatedWallet: "0",
        initialMargin: String(Math.abs(p.size * mark) / 10),
        maintMargin: String(Math.abs(p.size * mark) * 0.004),
        positionInitialMargin: String(Math.abs(p.size * mark) / 10),
        openOrderInitialMargin: "0",
        adl: 0,
        bidNotional: "0",
        askNotional: "0",
        updateTime: Date.now(),
        leverage: "10",
        marginType: "cross",
        isAutoAddMargin: "false",
        maxNotionalValue: "1000000",
      };
    });
  }

  private balanceRow() {
    return {
      accountAlias: "fake",
      asset: "USDT",
      balance: String(this.usdt),
      walletBalance: String(this.usdt),
      crossWalletBalance: String(this.usdt),
      crossUnPnl: "0",
      availableBalance: String(this.usdt),
      maxWithdrawAmount: String(this.usdt),
      marginAvailable: true,
      updateTime: Date.now(),
    };
  }
}
