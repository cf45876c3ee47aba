// Position keys `venue:type:symbol` (domain §4.2): each mode declares its keys; the registry maps
// them to dense slots so the ledger and venue books are Float64Arrays.
import { EngineError } from "./errors";
import type { PositionVenue } from "../types";

export const POSITION_TYPES = ["BaseToken", "aToken", "debtToken", "LST", "Perp", "Pending"] as const;
export type PositionType = (typeof POSITION_TYPES)[number];

export interface PositionKey {
  readonly key: string;
  readonly venue: PositionVenue;
  readonly type: PositionType;
  readonly symbol: string;
}

export function parsePositionKey(key: string): PositionKey {
  const [venue, type, symbol] = key.split(":");
  if (!venue || !type || !symbol || !(POSITION_TYPES as readonly string[]).includes(type)) {
    throw new EngineError("CONFIG-001", `bad position key ${key}`);
  }
  return { key, venue: venue as PositionVenue, type: type as PositionType, symbol };
}

export class KeyRegistry {
  readonly keys: readonly PositionKey[];
  private readonly slots: Map<string, number>;

  constructor(keys: readonly string[]) {
    this.keys = keys.map(parsePositionKey);
    this.slots = new Map(this.keys.map((k, i) => [k.key, i]));
  }

  get size(): number {
    return this.keys.length;
  }

  /** Slot of a key, or -1 when the mode did not declare it. */
  find(key: string): number {
    return this.slots.get(key) ?? -1;
  }

  /** Slot of a declared key; a delta to an undeclared key is POS-002. */
  slot(key: string): number {
    const s = this.slots.get(key);
    if (s === undefined) throw new EngineError("POS-002", `position key ${key} is not declared by this mode`);
    return s;
  }
}
