// A signal series the user supplies as CSV (domain §2.12): header `timestamp,signal[,confidence][,sd]`;
// timestamp ISO-8601 UTC or epoch ms; signal long / short / neutral / hold or a number in [−1, 1];
// looked up as-of ≤ t (a row applies from its timestamp on). Parsing is pure: the caller reads the file.
import { z } from "zod";
import { asOfIndex } from "@/server/market-data/series";
import { EngineError } from "../core/errors";
import type { BarWindow, SignalOutput, SignalSource } from "./signal";

const WORDS: Readonly<Record<string, number | null>> = { long: 1, short: -1, neutral: 0, flat: 0, hold: null };

const rowSchema = z.object({
  time: z.number().finite(),
  target: z.number().min(-1).max(1).nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  sd: z.number().positive().nullable(),
});

export interface SignalSeries {
  readonly time: Float64Array;
  /** NaN = hold (keep the previous target). */
  readonly target: Float64Array;
  /** NaN = not given. */
  readonly confidence: Float64Array;
  readonly sd: Float64Array;
}

function parseTime(raw: string): number {
  const s = raw.trim();
  if (/^\d{12,14}$/.test(s)) return Number(s);
  const iso = /Z$|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(" ", "T")}Z`;
  return Date.parse(iso);
}

/** Parses the CSV text; throws CONFIG-001 naming the line on any bad row, unsorted or duplicate time. */
export function parseSignalCsv(text: string): SignalSeries {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const ti = col("timestamp");
  const si = col("signal");
  if (ti < 0 || si < 0) throw new EngineError("CONFIG-001", "signal CSV needs a header with timestamp and signal columns");
  const ci = col("confidence");
  const di = col("sd");
  const n = lines.length - 1;
  const out: SignalSeries = { time: new Float64Array(n), target: new Float64Array(n), confidence: new Float64Array(n), sd: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const cells = (lines[i + 1] as string).split(",");
    const rawSignal = (cells[si] ?? "").trim().toLowerCase();
    const word = rawSignal in WORDS ? WORDS[rawSignal] : undefined;
    const num = (j: number): number | null => (j < 0 || (cells[j] ?? "").trim() === "" ? null : Number(cells[j]));
    const parsed = rowSchema.safeParse({ time: parseTime(cells[ti] ?? ""), target: word === undefined ? Number(rawSignal) : word, confidence: num(ci), sd: num(di) });
    if (!parsed.success || (rawSignal === "" && word === undefined)) {
      throw new EngineError("CONFIG-001", `signal CSV line ${i + 2}: ${parsed.success ? "empty signal" : `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`}`);
    }
    const r = parsed.data;
    if (i > 0 && !(r.time > (out.time[i - 1] as number))) throw new EngineError("CONFIG-001", `signal CSV line ${i + 2}: timestamps must strictly increase`);
    out.time[i] = r.time;
    out.target[i] = r.target ?? Number.NaN;
    out.confidence[i] = r.confidence ?? Number.NaN;
    out.sd[i] = r.sd ?? Number.NaN;
  }
  return out;
}

export class CsvSignal implements SignalSource {
  readonly name = "csv";
  private readonly s: SignalSeries;

  constructor(series: SignalSeries) {
    this.s = series;
  }

  signal(t: number, _bars: BarWindow): SignalOutput | null {
    const i = asOfIndex(this.s.time, t);
    if (i < 0) return null;
    const target = this.s.target[i] as number;
    if (target !== target) return null;
    const confidence = this.s.confidence[i] as number;
    const sd = this.s.sd[i] as number;
    return { target, ...(confidence === confidence ? { confidence } : {}), ...(sd === sd ? { sd } : {}) };
  }
}
