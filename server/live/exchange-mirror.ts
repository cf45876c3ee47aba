// Exchange venue for a live session: the paper venues still drive the engine, and every Binance
// perp fill is routed to the exchange (testnet) through ccxt with a client order id derived from
// the session and the engine's order id — deterministic across restarts, so an order re-sent after
// a crash is recognised, never filled twice. After each step the exchange-reported position is
// reconciled with the engine's ledger.
import type { EngineEvent } from "../engine/types";
import { clientOrderIdFor, type CcxtExchangeVenue, type OrderOutcome } from "../venues/ccxt-exchange-venue";

export interface PerpFill {
  orderId: number;
  side: "buy" | "sell";
  amount: number;
}

export interface MirroredOrder {
  fill: PerpFill;
  outcome: OrderOutcome;
}

/** Binance perp fills among a step's engine events (the orders the exchange venue must place). */
export function binancePerpFills(events: readonly Pick<EngineEvent, "type" | "venue" | "payload">[]): PerpFill[] {
  const out: PerpFill[] = [];
  for (const ev of events) {
    const p = ev.payload;
    if (ev.type !== "OrderFilled" || ev.venue !== "binance" || p.operation !== "perp_trade") continue;
    if (typeof p.orderId !== "number" || typeof p.amount !== "number" || (p.side !== "buy" && p.side !== "sell")) continue;
    out.push({ orderId: p.orderId, side: p.side, amount: p.amount });
  }
  return out;
}

/** Unified ccxt symbol of a basis mode's perp. */
export function perpSymbolOf(mode: string): string | null {
  return mode === "btc_basis" ? "BTC/USDT:USDT" : mode === "eth_basis" ? "ETH/USDT:USDT" : null;
}

export async function mirrorFills(venue: CcxtExchangeVenue, sessionId: string, symbol: string, fills: readonly PerpFill[]): Promise<MirroredOrder[]> {
  const out: MirroredOrder[] = [];
  for (const fill of fills) {
    const outcome = await venue.submitMarketOrder({ clientOrderId: clientOrderIdFor(sessionId, fill.orderId), symbol, side: fill.side, amount: fill.amount });
    out.push({ fill, outcome });
  }
  return out;
}

/** Ledger vs exchange perp size: within 1 % of the exchange figure or one lot (exchange rounding). */
export function positionsAgree(expected: number, reported: number, lot = 0.002): boolean {
  const diff = Math.abs(expected - reported);
  return diff <= Math.max(lot, 0.01 * Math.abs(reported));
}
