// Reconciliation: every tick and after every execution, each key's ledger amount must match the
// venue-reported one within max(1e-9, 1 % of the venue figure) (domain §4.4); a mismatch fails a
// backtest (POS-001, or EXEC-003 inside the tight loop).
import { EngineComponent } from "../core/component";
import { EngineError } from "../core/errors";
import type { KeyRegistry } from "../core/position-keys";
import type { Venue } from "../venues/venue";
import type { EventLogger } from "./event-logger";

export class Reconciliation extends EngineComponent {
  private readonly venues: readonly Venue[];
  private readonly keys: KeyRegistry;
  private readonly reported: Float64Array;
  private readonly log: EventLogger;
  checks = 0;

  constructor(keys: KeyRegistry, venues: readonly Venue[], log: EventLogger) {
    super("reconciliation");
    this.keys = keys;
    this.venues = venues;
    this.reported = new Float64Array(keys.size);
    this.log = log;
  }

  check(ledger: Float64Array, t: number, inTightLoop: boolean): void {
    this.checks++;
    const rep = this.reported;
    for (let v = 0; v < this.venues.length; v++) (this.venues[v] as Venue).reportPositions(rep);
    for (let s = 0; s < rep.length; s++) {
      const venue = rep[s] as number;
      const diff = Math.abs((ledger[s] as number) - venue);
      if (diff > 1e-9 && diff > 0.01 * Math.abs(venue)) {
        const key = this.keys.keys[s]?.key ?? String(s);
        this.log.emit(t, "ReconciliationFailed", this.name, { key, ledger: ledger[s] as number, venue }, "CRITICAL");
        throw new EngineError(inTightLoop ? "EXEC-003" : "POS-001", `${key}: ledger ${ledger[s]} vs venue ${venue} at ${new Date(t).toISOString()}`);
      }
    }
  }
}
