// The one venue interface every venue implements, simulated now and live later: submit orders,
// receive transfers, settle (backtest only) and report positions for reconciliation.
import type { Handshake, Order } from "../messages/orders";
import type { Operation } from "../messages/orders";
import type { PositionVenue } from "../types";

export interface Venue {
  /** Position venues whose keys this venue books and reports (e.g. the chain: wallet + aave_v3). */
  readonly venues: readonly PositionVenue[];
  readonly operations: readonly Operation[];
  /** Executes `order` at tick k; fills `hs` (status failed with an error code when rejected). */
  submit(order: Order, k: number, hs: Handshake): void;
  /** Credits an incoming transfer of `amount` `asset` to `venue`; appends deltas to `hs`. */
  receiveTransfer(venue: PositionVenue, asset: string, amount: number, hs: Handshake): void;
  /** Backtest only: applies the tick's settlements (variation margin, funding, liquidations) to its own book. */
  settle(k: number): void;
  /** Writes the venue-reported amount of every key it owns into `out` (indexed by key slot). */
  reportPositions(out: Float64Array): void;
  /** Copy and restore of the book, for atomic-group rollback. */
  saveBook(): Float64Array;
  restoreBook(saved: Float64Array): void;
}
