"use client";
// A Recharts line or stacked-area chart over time, taking a plain series (already thinned on the
// server), optional horizontal threshold lines and a second axis. Animation off: the data is final.
import { useMemo } from "react";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useElementWidth } from "./use-element-width";
import { toChartRows, type PlainSeries } from "./chart-rows";
import { formatDateTick, formatDateTime, formatValue, SERIES_COLORS, type ValueFormat } from "./chart-format";

export interface SeriesSpec {
  key: string;
  label: string;
  color?: string;
  /** plot against the right axis */
  right?: boolean;
  /** in a stacked-area chart: draw as a line over the stack instead of stacking */
  unstacked?: boolean;
  /** in a line chart: fill the area between the line and zero (e.g. drawdown) */
  filled?: boolean;
}

export interface Threshold {
  y: number;
  label: string;
  color?: string;
  /** drawn against the right axis */
  right?: boolean;
}

export interface TimeSeriesChartProps {
  data: PlainSeries;
  lines: readonly SeriesSpec[];
  kind?: "line" | "stacked-area";
  format?: ValueFormat;
  rightFormat?: ValueFormat;
  thresholds?: readonly Threshold[];
  /** the right axis spans at least ±this, so float noise around zero (a hedged net delta) stays flat */
  rightMinSpan?: number;
  height?: number;
  testId?: string;
}

export function TimeSeriesChart({ data, lines, kind = "line", format = "money", rightFormat, thresholds = [], rightMinSpan, height = 260, testId }: TimeSeriesChartProps) {
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const keys = useMemo(() => lines.map((l) => l.key), [lines]);
  const rows = useMemo(() => toChartRows(data, keys), [data, keys]);
  const hasRight = lines.some((l) => l.right);
  const tooltipFormatter = (value: unknown, name: unknown) => {
    const spec = lines.find((l) => l.label === name || l.key === name);
    const f = spec?.right ? (rightFormat ?? format) : format;
    return typeof value === "number" ? formatValue(value, f) : "—";
  };
  const common = (
    <>
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
      <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={formatDateTick} minTickGap={48} tick={{ fontSize: 11 }} />
      <YAxis yAxisId="left" tickFormatter={(v: number) => formatValue(v, format)} width={64} tick={{ fontSize: 11 }} domain={["auto", "auto"]} />
      {hasRight ? (
        <YAxis
          yAxisId="right"
          orientation="right"
          tickFormatter={(v: number) => formatValue(v, rightFormat ?? format)}
          width={64}
          tick={{ fontSize: 11 }}
          domain={rightMinSpan ? [(lo: number) => Math.min(lo, -rightMinSpan), (hi: number) => Math.max(hi, rightMinSpan)] : ["auto", "auto"]}
        />
      ) : null}
      <Tooltip labelFormatter={(t) => (typeof t === "number" ? formatDateTime(t) : String(t))} formatter={tooltipFormatter} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {thresholds.map((th) => (
        <ReferenceLine key={`${th.label}-${th.y}`} yAxisId={th.right && hasRight ? "right" : "left"} y={th.y} stroke={th.color ?? "#dc2626"} strokeDasharray="6 3" label={{ value: th.label, fontSize: 10, fill: th.color ?? "#dc2626", position: "insideTopRight" }} />
      ))}
    </>
  );
  const margin = { top: 8, right: 8, bottom: 0, left: 0 };
  return (
    <div ref={boxRef} data-testid={testId} style={{ width: "100%", height }}>
      {width <= 0 ? null : kind === "stacked-area" ? (
        // positive and negative components stack on their own side of zero (stackOffset "sign");
        // sign-changing ones (price PnL) and the total are lines, so no band jumps across zero
        <ComposedChart width={width} height={height} data={rows} margin={margin} stackOffset="sign">
          {common}
          {lines.map((l, i) =>
            l.unstacked ? (
              <Line key={l.key} yAxisId="left" type="linear" dataKey={l.key} name={l.label} stroke={l.color ?? SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={1.5} isAnimationActive={false} dot={false} connectNulls={false} />
            ) : (
              <Area key={l.key} yAxisId="left" type="linear" dataKey={l.key} name={l.label} stackId="stack" stroke={l.color ?? SERIES_COLORS[i % SERIES_COLORS.length]} fill={l.color ?? SERIES_COLORS[i % SERIES_COLORS.length]} fillOpacity={0.35} isAnimationActive={false} dot={false} connectNulls={false} />
            ),
          )}
        </ComposedChart>
      ) : (
        <ComposedChart width={width} height={height} data={rows} margin={margin}>
          {common}
          {lines.map((l, i) =>
            l.filled ? (
              <Area key={l.key} yAxisId={l.right ? "right" : "left"} type="linear" dataKey={l.key} name={l.label} stroke={l.color ?? SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={1} fill={l.color ?? SERIES_COLORS[i % SERIES_COLORS.length]} fillOpacity={0.15} isAnimationActive={false} dot={false} connectNulls={false} />
            ) : (
              <Line key={l.key} yAxisId={l.right ? "right" : "left"} type="linear" dataKey={l.key} name={l.label} stroke={l.color ?? SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={1.5} isAnimationActive={false} dot={false} connectNulls={false} />
            ),
          )}
        </ComposedChart>
      )}
    </div>
  );
}
