// Chart data for the Data page: funding by venue (annualised), AAVE supply/borrow APR, LST exchange
// rates and prices, each chart thinned on the server with LTTB to at most ~2,000 points in total
// (Recharts costs ~50 µs per point, stack-notes §8). Data sets are immutable, so results are cached.
import type pg from "pg";
import { z } from "zod";
import { lttbIndexes } from "../../charts/lttb";
import type { Series } from "../series";
import { findReadyDataset, loadDatasetById } from "../store/load-dataset";
import { typicalStepMs } from "./get-dataset-coverage";

export const MAX_POINTS_PER_CHART = 2_000;
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

export const chartLineSchema = z.object({
  id: z.string(),
  label: z.string(),
  points: z.array(z.object({ t: z.number(), v: z.number() })),
});
export type ChartLine = z.infer<typeof chartLineSchema>;

export const chartSchema = z.object({
  key: z.string(),
  title: z.string(),
  unit: z.string(),
  lines: z.array(chartLineSchema),
});
export type DatasetChart = z.infer<typeof chartSchema>;

export const datasetChartsSchema = z.object({ datasetId: z.string(), charts: z.array(chartSchema) });
export type DatasetCharts = z.infer<typeof datasetChartsSchema>;

/** Base ids only: the `…:1m` and `…:hourly` variants repeat a base series at another frequency. */
const isVariant = (id: string): boolean => id.split(":").length > (id.startsWith("aave:") || id.startsWith("lst:") ? 2 : 3);

/** `x` of one series field, thinned with LTTB to `budget` points, `scale` applied. */
export function thinLine(s: Series, field: string, budget: number, label: string, scale = 1): ChartLine {
  const y = s.fields[field];
  if (!y) return { id: `${s.id}.${field}`, label, points: [] };
  const keep = lttbIndexes(s.time, y, Math.max(3, budget));
  const points = Array.from(keep, (i) => ({ t: s.time[i] as number, v: (y[i] as number) * scale }));
  return { id: `${s.id}.${field}`, label, points };
}

function chart(key: string, title: string, unit: string, specs: { s: Series; field: string; label: string; scale?: number }[]): DatasetChart {
  const budget = Math.floor(MAX_POINTS_PER_CHART / Math.max(1, specs.length));
  return { key, title, unit, lines: specs.map((p) => thinLine(p.s, p.field, budget, p.label, p.scale)) };
}

/** Builds the charts from loaded series (pure; exported for tests). */
export function buildDatasetCharts(series: readonly Series[]): DatasetChart[] {
  const base = series.filter((s) => !isVariant(s.id));
  const of = (kind: string) => base.filter((s) => s.kind === kind).sort((a, b) => a.id.localeCompare(b.id));
  const charts: DatasetChart[] = [];

  const funding = of("funding");
  if (funding.length > 0) {
    charts.push(
      chart(
        "funding",
        "Funding by venue (annualised)",
        "%/yr",
        // rate per interval × intervals per year, so venues with other intervals compare
        funding.map((s) => {
          const step = typicalStepMs(s.time) || 8 * 3_600_000;
          return { s, field: "rate", label: s.id.replace(/^funding:/, ""), scale: (YEAR_MS / step) * 100 };
        }),
      ),
    );
  }
  const aave = of("aave");
  if (aave.length > 0) {
    charts.push(
      chart(
        "aave",
        "AAVE supply / borrow APR",
        "%",
        aave.flatMap((s) => {
          const asset = s.id.replace(/^aave:/, "");
          return [
            { s, field: "supplyApr", label: `${asset} supply`, scale: 100 },
            { s, field: "borrowApr", label: `${asset} borrow`, scale: 100 },
          ];
        }),
      ),
    );
  }
  const lst = [...of("lst"), ...of("lstMarket")];
  if (lst.length > 0) {
    charts.push(chart("lst", "LST exchange rates", "ETH per token", lst.map((s) => ({ s, field: "ethPerToken", label: s.id }))));
  }
  // one price chart per instrument: BTC and ETH on one axis would flatten ETH
  const priced = [...of("spot"), ...of("perp")];
  const symbols = [...new Set(priced.map((s) => s.id.split(":")[2] ?? ""))].sort();
  for (const symbol of symbols) {
    const lines = priced.filter((s) => s.id.split(":")[2] === symbol);
    charts.push(chart(`prices-${symbol}`, `Prices ${symbol} (close)`, "USDT", lines.map((s) => ({ s, field: "close", label: s.id.split(":").slice(0, 2).join(":") }))));
  }
  return charts;
}

const CHART_IDS = /^(funding|aave|lst|lstMarket|spot|perp):/;
const globalForCharts = globalThis as unknown as { basisLabDatasetCharts?: Map<string, Promise<DatasetCharts>> };

export async function getDatasetCharts(pool: pg.Pool, name: string, version?: number): Promise<DatasetCharts> {
  const head = await findReadyDataset(pool, name, version);
  const cache = (globalForCharts.basisLabDatasetCharts ??= new Map());
  const hit = cache.get(head.id);
  if (hit) return hit;
  const work = (async () => {
    const { rows } = await pool.query<{ seriesId: string }>(`SELECT "seriesId" FROM dataset_series WHERE "datasetId" = $1`, [head.id]);
    const ids = rows.map((r) => r.seriesId).filter((id) => CHART_IDS.test(id) && !isVariant(id));
    const data = await loadDatasetById(pool, head.id, { seriesIds: ids });
    return { datasetId: head.id, charts: buildDatasetCharts([...data.series.values()]) };
  })();
  cache.set(head.id, work);
  // keep a handful: each entry is ~2k points per chart
  if (cache.size > 8) cache.delete(cache.keys().next().value as string);
  work.catch(() => cache.delete(head.id));
  return work;
}
