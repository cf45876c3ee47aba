// Which parameters differ between runs, and whether the runs used comparable data sets.

export interface ComparableRun {
  readonly runId: string;
  readonly mode: string;
  readonly config: unknown;
  readonly dataset: { readonly name: string; readonly version: number; readonly source: string };
}

export interface ConfigDiffRow {
  readonly key: string;
  /** value per run id; undefined when a run's config lacks the key */
  readonly values: Record<string, unknown>;
}

export interface ConfigDiff {
  readonly rows: ConfigDiffRow[];
  readonly datasets: Record<string, string>;
  readonly warnings: string[];
}

/** Flattens nested plain objects to dotted keys; arrays and scalars are leaves. */
export function flattenConfig(value: unknown, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flattenConfig(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Lists only keys whose values differ across runs (mode included), plus data set warnings. */
export function diffConfigs(runs: readonly ComparableRun[]): ConfigDiff {
  const flat = runs.map((r) => ({ runId: r.runId, values: { mode: r.mode, ...flattenConfig(r.config) } }));
  const keys = new Set<string>();
  for (const f of flat) for (const k of Object.keys(f.values)) keys.add(k);
  const rows: ConfigDiffRow[] = [];
  for (const key of Array.from(keys).sort()) {
    const vals = flat.map((f) => (f.values as Record<string, unknown>)[key]);
    const first = vals[0];
    if (vals.some((v) => !sameValue(v, first))) {
      const values: Record<string, unknown> = {};
      flat.forEach((f, i) => (values[f.runId] = vals[i]));
      rows.push({ key, values });
    }
  }
  const datasets: Record<string, string> = {};
  for (const r of runs) datasets[r.runId] = `${r.dataset.name} v${r.dataset.version} (${r.dataset.source})`;
  const warnings: string[] = [];
  const sources = new Set(runs.map((r) => r.dataset.source));
  if (sources.has("synthetic") && sources.size > 1) {
    warnings.push("Some runs used synthetic data and others real or downloaded data: their results are not comparable as evidence.");
  }
  const sets = new Set(runs.map((r) => `${r.dataset.name}@${r.dataset.version}`));
  if (sets.size > 1 && !(sources.has("synthetic") && sources.size > 1)) {
    warnings.push("Runs used different data sets or versions.");
  }
  return { rows, datasets, warnings };
}
