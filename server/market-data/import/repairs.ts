// Named repairs for every quirk the data README lists; each returns how many rows it touched so
// the quality report can count it.

import { DataImportError } from "./import-errors";
import { fieldColumn, type RawRows } from "./raw-rows";
import { toIsoUtc } from "./parse-timestamp";

const HOUR_MS = 3_600_000;

/**
 * Stable-sorts rows by time. Returns the number of rows that were out of order (0 = file sorted).
 * Needed for files grouped by type (ether.fi rewards) or unordered within a day.
 */
export function sortRowsByTime(rows: RawRows): number {
  let outOfOrder = 0;
  for (let i = 1; i < rows.time.length; i++) if ((rows.time[i] as number) < (rows.time[i - 1] as number)) outOfOrder++;
  if (outOfOrder === 0) return 0;
  const order = rows.time.map((_, i) => i).sort((a, b) => (rows.time[a] as number) - (rows.time[b] as number) || a - b);
  rows.time = order.map((i) => rows.time[i] as number);
  rows.values = rows.values.map((col) => order.map((i) => col[i] as number));
  rows.lines = order.map((i) => rows.lines[i] as string);
  return outOfOrder;
}

function keepRows(rows: RawRows, keep: boolean[]): void {
  rows.time = rows.time.filter((_, i) => keep[i]);
  rows.values = rows.values.map((col) => col.filter((_, i) => keep[i]));
  rows.lines = rows.lines.filter((_, i) => keep[i]);
}

/**
 * Drops rows identical (same timestamp, same text) to an earlier row at the same time.
 * Rows must be sorted. Bybit's page-boundary duplicates are of this kind. Returns rows dropped.
 */
export function dropExactDuplicates(rows: RawRows): number {
  const keep = new Array<boolean>(rows.time.length).fill(true);
  let dropped = 0;
  let groupStart = 0;
  for (let i = 1; i < rows.time.length; i++) {
    if (rows.time[i] !== rows.time[groupStart]) {
      groupStart = i;
      continue;
    }
    for (let j = groupStart; j < i; j++) {
      if (keep[j] && rows.lines[j] === rows.lines[i]) {
        keep[i] = false;
        dropped++;
        break;
      }
    }
  }
  if (dropped > 0) keepRows(rows, keep);
  return dropped;
}

/** 2025-04-25T00:00Z: from here on the spurious OKX member is the negative (smaller) one. */
export const OKX_SPURIOUS_NEGATIVE_FROM_MS = Date.UTC(2025, 3, 25);
/** The spurious value OKX pairs carry up to 2025-04-24T16:00Z. */
export const OKX_SPURIOUS_CONSTANT = 0.0001;

/**
 * The genuine member of a conflicting OKX funding pair (data README §2.2): before 2025-04-25 the
 * spurious member is exactly 0.0001, so keep the other; from 2025-04-25 the spurious member is the
 * smaller (negative) one, so keep the larger. Outside the documented rule (both or neither 0.0001
 * before the switch) it falls back to the larger, which is the rule the later window uses.
 */
export function pickGenuineOkxFundingRate(timeMs: number, a: number, b: number): number {
  if (timeMs < OKX_SPURIOUS_NEGATIVE_FROM_MS) {
    if (a === OKX_SPURIOUS_CONSTANT && b !== OKX_SPURIOUS_CONSTANT) return b;
    if (b === OKX_SPURIOUS_CONSTANT && a !== OKX_SPURIOUS_CONSTANT) return a;
  }
  return Math.max(a, b);
}

/**
 * Resolves OKX funding rows that share a timestamp but disagree, keeping one row per timestamp with
 * the genuine rate. Rows must be sorted and exact duplicates dropped. Returns timestamps resolved.
 */
export function resolveOkxFundingConflicts(rows: RawRows): number {
  const rate = fieldColumn(rows, "rate");
  const keep = new Array<boolean>(rows.time.length).fill(true);
  let resolved = 0;
  for (let i = 1; i < rows.time.length; i++) {
    if (rows.time[i] !== rows.time[i - 1] || !keep[i - 1]) continue;
    const t = rows.time[i] as number;
    const a = rate[i - 1] as number;
    const b = rate[i] as number;
    if (i + 1 < rows.time.length && rows.time[i + 1] === t)
      throw new DataImportError(rows.file, `more than two funding rows at ${toIsoUtc(t)}; the OKX rule resolves pairs only`);
    const genuine = pickGenuineOkxFundingRate(t, a, b);
    keep[genuine === a ? i : i - 1] = false;
    resolved++;
  }
  if (resolved > 0) keepRows(rows, keep);
  return resolved;
}

/** Throws (naming the file and time) if two rows still share a timestamp after the repairs. */
export function assertStrictlyIncreasing(rows: RawRows): void {
  for (let i = 1; i < rows.time.length; i++) {
    if ((rows.time[i] as number) <= (rows.time[i - 1] as number))
      throw new DataImportError(rows.file, `conflicting rows at ${toIsoUtc(rows.time[i] as number)}: ${rows.lines[i - 1]} | ${rows.lines[i]}`);
  }
}

export interface TimeGap {
  /** First missing grid point. */
  readonly fromMs: number;
  /** Last missing grid point. */
  readonly toMs: number;
}

/**
 * Runs of missing grid points between consecutive observations, for a series expected every
 * `stepMs`. Gaps are only reported — never filled for prices.
 */
export function findGaps(time: ArrayLike<number>, stepMs: number): TimeGap[] {
  const gaps: TimeGap[] = [];
  for (let i = 1; i < time.length; i++) {
    const prev = time[i - 1] as number;
    const cur = time[i] as number;
    if (cur - prev > stepMs) gaps.push({ fromMs: prev + stepMs, toMs: cur - stepMs });
  }
  return gaps;
}

/** Points on the grid of `stepMs` from the first to the last time, inclusive. */
export function expectedGridCount(time: ArrayLike<number>, stepMs: number): number {
  if (time.length === 0) return 0;
  return Math.floor(((time[time.length - 1] as number) - (time[0] as number)) / stepMs) + 1;
}

/**
 * Drops rows whose APY is exactly 0 — DeFiLlama chart glitches (sUSDe 2024-05-02; eETH four days).
 * Returns rows dropped.
 */
export function dropZeroApyGlitches(rows: RawRows, field: string): number {
  const col = fieldColumn(rows, field);
  const keep = col.map((v) => v !== 0);
  const dropped = keep.filter((k) => !k).length;
  if (dropped > 0) keepRows(rows, keep);
  return dropped;
}

/** Replaces empty (NaN) cells of `field` with 0, e.g. DeFiLlama `Reward` on days without rewards. Returns cells filled. */
export function fillEmptyRewardWithZero(rows: RawRows, field: string): number {
  const col = fieldColumn(rows, field);
  let filled = 0;
  for (let i = 0; i < col.length; i++)
    if (Number.isNaN(col[i])) {
      col[i] = 0;
      filled++;
    }
  return filled;
}

/** OKX USDT-swap contract sizes in base units (ETH-USDT-SWAP 0.1 ETH, BTC-USDT-SWAP 0.01 BTC). */
export const OKX_CONTRACT_SIZES: Readonly<Record<string, number>> = { ETHUSDT: 0.1, BTCUSDT: 0.01 };
export const OKX_ETH_CONTRACT_SIZE = 0.1;
/** OKX swap volume is in contracts; converts it to base units like the other venues. Returns rows converted. */
export function convertOkxContractsToBase(rows: RawRows, contractSize = OKX_ETH_CONTRACT_SIZE): number {
  const vol = fieldColumn(rows, "volume");
  for (let i = 0; i < vol.length; i++) vol[i] = (vol[i] as number) * contractSize;
  return vol.length;
}

export interface DefectiveFile {
  readonly pattern: RegExp;
  readonly reason: string;
  readonly replacement: string;
  /** Series that stands in for the refused file. */
  readonly replacementSeriesId: string;
}

/** Files the data README documents as defective: refused, and replaced by a derived equivalent. */
export const KNOWN_DEFECTIVE_FILES: readonly DefectiveFile[] = [
  {
    pattern: /(^|\/)wsteth_oracle_yields_[^/]*\.csv$/i,
    reason: "rows unordered within a date, ETH/USD from an unstated source, yields spanning −100 % … +999 % (data README §6)",
    replacement: "the wstETH base yield is taken from lst:wstETH (wstETH_ETH_oracle exchange rate) instead",
    replacementSeriesId: "lst:wstETH",
  },
];

/** The warning for a known-defective file (naming it), or null when the file is fine to import. */
export function refuseDefectiveFile(relPath: string): { warning: string; replacementSeriesId: string } | null {
  const hit = KNOWN_DEFECTIVE_FILES.find((d) => d.pattern.test(relPath));
  if (!hit) return null;
  return { warning: `refused defective file ${relPath}: ${hit.reason}; ${hit.replacement}`, replacementSeriesId: hit.replacementSeriesId };
}

/** Sane bounds per field: values outside are counted (not dropped) in the report. */
export type FieldBounds = Readonly<Record<string, readonly [number, number]>>;

/** Counts values outside `bounds`, plus OHLC bars whose high/low do not bracket open and close. */
export function countOutOfBounds(fields: Readonly<Record<string, ArrayLike<number>>>, bounds: FieldBounds): number {
  let n = 0;
  for (const [name, [lo, hi]] of Object.entries(bounds)) {
    const col = fields[name];
    if (!col) continue;
    for (let i = 0; i < col.length; i++) {
      const v = col[i] as number;
      if (v < lo || v > hi) n++;
    }
  }
  const { open, high, low, close } = fields;
  if (open && high && low && close) {
    for (let i = 0; i < open.length; i++) {
      const o = open[i] as number;
      const c = close[i] as number;
      if ((high[i] as number) < Math.max(o, c) || (low[i] as number) > Math.min(o, c)) n++;
    }
  }
  return n;
}

export const HOURLY_MS = HOUR_MS;
