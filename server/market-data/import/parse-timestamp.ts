// Normalises every timestamp spelling found in the raw data files to UTC epoch milliseconds.

/** The spellings seen in ../shared/data (see its README, "Timestamps are UTC everywhere"). */
export type TimestampFormat = "iso-z" | "epoch-s" | "epoch-ms" | "space-offset" | "offset-and-z" | "naive" | "date";

// One pattern covers the ISO-like spellings: date, optional time (T or space), optional fraction,
// optional zone (Z or ±hh:mm), and the invalid trailing Z after an offset (`+00:00Z`).
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?(Z)?$/;
const EPOCH = /^\d{9,13}$/;

export interface ParsedTimestamp {
  readonly ms: number;
  readonly format: TimestampFormat;
}

/** Value of the n decimal digits at s[i…i+n), or -1 if any is not a digit. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] as number;
}

/**
 * Fast path for the fixed-width spellings that make up almost every row (date, naive, ISO-Z,
 * space-offset with +00:00, offset-and-Z): character arithmetic instead of a regex and a Date
 * round-trip. Returns null to fall back to the general parser.
 */
function parseFixedWidth(s: string): ParsedTimestamp | null {
  const len = s.length;
  if (len !== 10 && len !== 19 && len !== 20 && len !== 25 && len !== 26) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null; // '-'
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (len === 10) return { ms: Date.UTC(y, mo - 1, d), format: "date" };
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null; // 'T' | ' ', ':'
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const se = digitsAt(s, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  if (len === 19) return { ms, format: "naive" };
  if (len === 20) return s.charCodeAt(19) === 90 && sep === 84 ? { ms, format: "iso-z" } : null; // 'Z'
  // only a zero offset is handled here; other offsets take the general path
  if (s.slice(19, 25) !== "+00:00") return null;
  if (len === 25) return { ms, format: sep === 84 ? "iso-z" : "space-offset" };
  return s.charCodeAt(25) === 90 ? { ms, format: "offset-and-z" } : null;
}

/**
 * Parses one timestamp to UTC epoch ms and tells which spelling it was, or returns null.
 * Naive (zone-less) date-times and bare dates are UTC by the data README's convention — never
 * local time, which is what `Date.parse` would assume.
 */
export function parseTimestampDetailed(raw: string): ParsedTimestamp | null {
  const s = raw.length > 0 && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32 ? raw : raw.trim();
  const fast = parseFixedWidth(s);
  if (fast) return fast;
  if (EPOCH.test(s)) {
    // 9–10 digits are Unix seconds (the files' epoch columns); 12–13 digits are milliseconds
    const n = Number(s);
    return s.length <= 10 ? { ms: n * 1000, format: "epoch-s" } : s.length >= 12 ? { ms: n, format: "epoch-ms" } : null;
  }
  const m = ISO_LIKE.exec(s);
  if (!m) return null;
  const [, y, mo, d, sep, hh, mi, ss, frac, zone, trailingZ] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = hh === undefined ? 0 : Number(hh);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = ss === undefined ? 0 : Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const millis = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // reject 2024-02-31 and the like: Date.UTC silently rolls over
  if (new Date(ms).getUTCDate() !== day) return null;
  let format: TimestampFormat;
  if (sep === undefined) {
    if (zone !== undefined || trailingZ !== undefined) return null;
    format = "date";
  } else if (zone === undefined) {
    format = "naive";
  } else if (zone === "Z") {
    if (trailingZ !== undefined) return null;
    format = "iso-z";
  } else {
    format = trailingZ !== undefined ? "offset-and-z" : "space-offset";
    if (trailingZ === undefined && sep === "T") format = "iso-z";
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    ms -= sign * offsetMin * 60_000;
  }
  return { ms, format };
}

/** Parses one timestamp to UTC epoch ms; NaN when it is not one of the known spellings. */
export function parseUtcTimestamp(raw: string): number {
  const p = parseTimestampDetailed(raw);
  return p === null ? Number.NaN : p.ms;
}

/** ISO-8601 UTC string (`2024-01-01T00:00:00.000Z`) for reports and CLI output. */
export function toIsoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
