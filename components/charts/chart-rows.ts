// Converts a plain chart series ({ t, series }) into the row objects Recharts plots.
export interface PlainSeries {
  t: readonly number[];
  series: Readonly<Record<string, readonly (number | null)[]>>;
}

export type ChartRow = { t: number } & Record<string, number | null>;

export function toChartRows(data: PlainSeries, keys: readonly string[]): ChartRow[] {
  return data.t.map((t, i) => {
    const row: ChartRow = { t };
    for (const k of keys) row[k] = data.series[k]?.[i] ?? null;
    return row;
  });
}

/** Keys that hold at least one non-null, non-zero value (no legend entries for absent venues or unused terms). */
export function keysWithData(data: PlainSeries, keys: readonly string[]): string[] {
  return keys.filter((k) => data.series[k]?.some((v) => v !== null && v !== 0));
}
