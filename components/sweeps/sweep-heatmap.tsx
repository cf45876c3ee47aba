"use client";
// A 2-D heatmap of one metric over two swept parameters (SVG: Recharts has no heatmap). Click a cell
// to open it, shift-click (or the checkbox mode) to select several for comparison.
import { useMemo } from "react";

export interface HeatCell {
  idx: number;
  x: number;
  y: number;
  value: number | null;
  status: string;
}

function colour(t: number): string {
  // red (worst) → amber → green (best), in oklch for even steps
  const hue = 25 + t * 120;
  return `oklch(0.72 0.16 ${hue.toFixed(0)})`;
}

export function SweepHeatmap(props: {
  cells: HeatCell[];
  xKey: string;
  yKey: string;
  metricLabel: string;
  higherIsBetter: boolean;
  format: (v: number) => string;
  selected: ReadonlySet<number>;
  onOpen: (idx: number) => void;
  onToggle: (idx: number) => void;
}) {
  const { cells, higherIsBetter } = props;
  const xs = useMemo(() => [...new Set(cells.map((c) => c.x))].sort((a, b) => a - b), [cells]);
  const ys = useMemo(() => [...new Set(cells.map((c) => c.y))].sort((a, b) => b - a), [cells]);
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const norm = (v: number) => (max > min ? (v - min) / (max - min) : 0.5);
  const cellW = Math.max(18, Math.min(64, 720 / Math.max(1, xs.length)));
  const cellH = Math.max(18, Math.min(40, 420 / Math.max(1, ys.length)));
  const left = 70;
  const top = 10;
  const width = left + xs.length * cellW + 10;
  const height = top + ys.length * cellH + 50;
  const byPos = new Map(cells.map((c) => [`${c.x}|${c.y}`, c]));
  const xLabelEvery = Math.ceil(xs.length / 12);
  const yLabelEvery = Math.ceil(ys.length / 12);
  return (
    <div className="overflow-x-auto">
      <svg width={width} height={height} role="img" aria-label={`${props.metricLabel} heatmap`} data-testid="sweep-heatmap">
        {ys.map((y, j) =>
          xs.map((x, i) => {
            const c = byPos.get(`${x}|${y}`);
            if (!c) return null;
            const fill = c.value === null ? "#e2e8f0" : colour(higherIsBetter ? norm(c.value) : 1 - norm(c.value));
            const sel = props.selected.has(c.idx);
            return (
              <rect
                key={c.idx}
                data-idx={c.idx}
                data-testid="heatmap-cell"
                x={left + i * cellW}
                y={top + j * cellH}
                width={cellW - 1}
                height={cellH - 1}
                fill={fill}
                stroke={sel ? "#0f172a" : "none"}
                strokeWidth={sel ? 2 : 0}
                className="cursor-pointer"
                onClick={(e) => (e.shiftKey ? props.onToggle(c.idx) : props.onOpen(c.idx))}
              >
                <title>{`${props.xKey}=${x}, ${props.yKey}=${y}: ${c.value === null ? c.status : props.format(c.value)}`}</title>
              </rect>
            );
          }),
        )}
        {xs.map((x, i) =>
          i % xLabelEvery === 0 ? (
            <text key={`x${x}`} x={left + i * cellW + cellW / 2} y={top + ys.length * cellH + 14} fontSize={10} textAnchor="middle" fill="#475569">{x}</text>
          ) : null,
        )}
        {ys.map((y, j) =>
          j % yLabelEvery === 0 ? (
            <text key={`y${y}`} x={left - 6} y={top + j * cellH + cellH / 2 + 3} fontSize={10} textAnchor="end" fill="#475569">{y}</text>
          ) : null,
        )}
        <text x={left + (xs.length * cellW) / 2} y={height - 8} fontSize={11} textAnchor="middle" fill="#0f172a">{props.xKey}</text>
        <text x={12} y={top + (ys.length * cellH) / 2} fontSize={11} textAnchor="middle" fill="#0f172a" transform={`rotate(-90 12 ${top + (ys.length * cellH) / 2})`}>{props.yKey}</text>
      </svg>
      {values.length ? (
        <p className="mt-1 text-xs text-muted">
          {props.metricLabel}: {props.format(higherIsBetter ? min : max)} (red) → {props.format(higherIsBetter ? max : min)} (green). Click a cell to open it as a full run; shift-click to select cells to compare.
        </p>
      ) : null}
    </div>
  );
}
