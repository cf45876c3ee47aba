// Sweep axes: parse `key=start:stop:step` or `key=v1,v2,…`, expand the grid, and apply a grid point
// to a base parameter object by dotted key (e.g. hedgeAllocation.binance).
import { z } from "zod";

export const DEFAULT_SWEEP_CAP = 500;
export const HARD_SWEEP_CAP = 5_000;

export const sweepAxisSchema = z.object({
  key: z.string().regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/, "parameter keys look like name or group.name"),
  values: z.array(z.number().finite()).min(1, "an axis needs at least one value").max(HARD_SWEEP_CAP),
});
export type SweepAxis = z.infer<typeof sweepAxisSchema>;

export class SweepSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SweepSpecError";
  }
}

/** Values start, start+step, … up to stop inclusive (with a tolerance for binary fractions). */
export function rangeValues(start: number, stop: number, step: number): number[] {
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step)) throw new SweepSpecError("start, stop and step must be numbers");
  if (step <= 0) throw new SweepSpecError(`step must be positive (got ${step})`);
  if (stop < start) throw new SweepSpecError(`stop (${stop}) is below start (${start})`);
  const n = Math.floor((stop - start) / step + 1e-9) + 1;
  if (n > HARD_SWEEP_CAP) throw new SweepSpecError(`the range has ${n} values; at most ${HARD_SWEEP_CAP}`);
  // Rounded to 12 significant digits so 0.1 steps give 0.3, not 0.30000000000000004.
  return Array.from({ length: n }, (_, i) => Number((start + i * step).toPrecision(12)));
}

/** Parses `key=start:stop:step` or `key=v1,v2,…`. */
export function parseAxisSpec(spec: string): SweepAxis {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new SweepSpecError(`"${spec}": expected key=start:stop:step or key=v1,v2,…`);
  const key = spec.slice(0, eq).trim();
  const body = spec.slice(eq + 1).trim();
  const num = (s: string) => {
    const v = Number(s);
    if (s.trim() === "" || !Number.isFinite(v)) throw new SweepSpecError(`"${spec}": "${s}" is not a number`);
    return v;
  };
  let values: number[];
  if (body.includes(":")) {
    const parts = body.split(":");
    if (parts.length !== 3) throw new SweepSpecError(`"${spec}": a range is start:stop:step`);
    values = rangeValues(num(parts[0] as string), num(parts[1] as string), num(parts[2] as string));
  } else {
    values = body.split(",").map(num);
  }
  const parsed = sweepAxisSchema.safeParse({ key, values });
  if (!parsed.success) throw new SweepSpecError(`"${spec}": ${parsed.error.issues[0]?.message ?? "invalid axis"}`);
  if (new Set(values).size !== values.length) throw new SweepSpecError(`"${spec}": values repeat`);
  return parsed.data;
}

/** Cartesian product of the axes, first axis slowest; each point lists one value per axis. */
export function expandGrid(axes: readonly SweepAxis[]): number[][] {
  let points: number[][] = [[]];
  for (const axis of axes) {
    const next: number[][] = [];
    for (const p of points) for (const v of axis.values) next.push([...p, v]);
    points = next;
  }
  return axes.length === 0 ? [] : points;
}

export function gridSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, axes.length ? 1 : 0);
}

/** A deep copy of `base` with each axis key set to the point's value. */
export function applyPoint(base: Readonly<Record<string, unknown>>, axes: readonly SweepAxis[], point: readonly number[]): Record<string, unknown> {
  const out = structuredClone(base) as Record<string, unknown>;
  axes.forEach((axis, i) => {
    const path = axis.key.split(".");
    let node = out;
    for (const segment of path.slice(0, -1)) {
      const child = node[segment];
      if (child === null || typeof child !== "object" || Array.isArray(child)) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = point[i];
  });
  return out;
}
