import type { ChartTheme } from './chart-theme';
import { seriesColor } from './chart-theme';
import { estimateMargins, LEGEND_OFFSET, type MeasureText } from './plot-margins';
import type { AxisSpec, ChartSeries } from './series.types';
import { toZonedWallClock } from './zoned-time';

export type ChartMode = 'lines' | 'stacked-area';

export interface PlotSpecInput {
  timestamps: readonly string[];
  series: readonly ChartSeries[];
  yAxis: AxisSpec;
  y2Axis?: AxisSpec;
  mode: ChartMode;
  timeZone: string;
  height: number;
  theme: ChartTheme;
  /** Narrow containers drop the legend (the host shows its own key) to keep the plot readable. */
  compact?: boolean;
  /** Container width and a text measure: with both, margins are sized up front (one draw, not two). */
  width?: number;
  measure?: MeasureText | null;
}

function maxOf(rows: ReadonlyArray<ReadonlyArray<number | null | undefined>>): number {
  let max = 0;
  for (const row of rows) for (const v of row) if (v !== null && v !== undefined && Number.isFinite(v) && v > max) max = v;
  return max;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function valueFormat(axis: AxisSpec): string {
  return `,.${axis.decimals ?? 0}~f`;
}

function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return color;
  const n = Number.parseInt(hex[1]!, 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/**
 * Stacks by hand: Plotly's stackgroup fills missing values with zeros or interpolates, and a
 * bucket without a sweep must stay a gap. Each band is drawn to zero from the top down, so the
 * visible part of a band is its own series; hover shows the series' own value.
 */
function stackedTraces(input: PlotSpecInput, x: string[]): { traces: unknown[]; top: number } {
  const running: Array<number | null> = input.timestamps.map(() => 0);
  const cumulative = input.series.map((s) =>
    running.map((sum, i) => {
      const v = s.values[i];
      const next = v === null || v === undefined || sum === null ? null : sum + v;
      running[i] = next;
      return next;
    }),
  );
  const fmt = valueFormat(input.yAxis);
  const traces = input.series
    .map((s, i) => {
      const color = seriesColor(input.theme, i);
      return {
        type: 'scatter',
        name: s.name,
        x,
        y: cumulative[i],
        customdata: s.values,
        connectgaps: false,
        fill: 'tozeroy',
        fillcolor: withAlpha(color, 0.85),
        line: { color, width: 1 },
        ...linesAndMarkers(color, isolatedMarkerSizes(cumulative[i]!)),
        legendrank: i + 1,
        hovertemplate: `%{customdata:${fmt}} ${escapeHtml(input.yAxis.unit)}<extra>${escapeHtml(s.name)}</extra>`,
      };
    })
    .reverse();
  return { traces, top: maxOf(cumulative) };
}

/**
 * Markers only where a trace has an isolated value: Plotly builds a marker node for every point
 * of a "lines+markers" trace, even at size 0, which makes the first draw about a third slower.
 */
function linesAndMarkers(color: string, sizes: number[]): { mode: string; marker?: { color: string; size: number[] } } {
  return sizes.some((size) => size > 0) ? { mode: 'lines+markers', marker: { color, size: sizes } } : { mode: 'lines' };
}

/**
 * A value with gaps on both sides has no segment to draw; a marker makes it visible without
 * bridging the gaps. Other points get no marker so lines stay clean.
 */
export function isolatedMarkerSizes(values: ReadonlyArray<number | null | undefined>, size = 6): number[] {
  const present = (i: number) => {
    const v = values[i];
    return v !== null && v !== undefined && Number.isFinite(v);
  };
  return values.map((_, i) => (present(i) && !present(i - 1) && !present(i + 1) ? size : 0));
}

function lineTraces(input: PlotSpecInput, x: string[]): unknown[] {
  return input.series.map((s, i) => {
    const axis = s.secondaryAxis && input.y2Axis ? input.y2Axis : input.yAxis;
    return {
      type: 'scatter',
      ...linesAndMarkers(seriesColor(input.theme, i), isolatedMarkerSizes(s.values)),
      name: s.name,
      x,
      y: s.values,
      yaxis: s.secondaryAxis && input.y2Axis ? 'y2' : 'y',
      connectgaps: false,
      line: { color: seriesColor(input.theme, i), width: 2, shape: 'linear' },
      legendrank: i + 1,
      hovertemplate: `%{y:${valueFormat(axis)}} ${escapeHtml(axis.unit)}<extra>${escapeHtml(s.name)}</extra>`,
    };
  });
}

export function buildPlotSpec(input: PlotSpecInput): { data: unknown[]; layout: unknown; config: unknown } {
  const { theme } = input;
  const x = input.timestamps.map((ts) => toZonedWallClock(ts, input.timeZone));
  const stacked = input.mode === 'stacked-area' ? stackedTraces(input, x) : null;
  const data = stacked ? stacked.traces : lineTraces(input, x);
  const secondary = (s: ChartSeries) => Boolean(s.secondaryAxis && input.y2Axis);
  const showlegend = input.series.length > 1 && !input.compact;
  // Narrow plots angle their date ticks by Plotly's own collision rules: those keep its margin pass.
  const margin =
    input.width && input.width > 0 && input.measure && !input.compact
      ? estimateMargins({
          width: input.width,
          height: input.height,
          yMax: stacked ? stacked.top : maxOf(input.series.filter((s) => !secondary(s)).map((s) => s.values)),
          y2Max: input.y2Axis ? maxOf(input.series.filter(secondary).map((s) => s.values)) : null,
          legendNames: showlegend ? input.series.map((s) => s.name) : [],
          measure: input.measure,
        })
      : { l: 8, r: input.y2Axis ? 8 : 16, t: 8, b: 8 };
  const axisTitle = (axis: AxisSpec) => ({
    text: `${axis.label} (${axis.unit})`,
    font: { size: 12, color: theme.muted },
    standoff: 8,
  });
  const yCommon = {
    gridcolor: theme.grid,
    linecolor: theme.axis,
    zeroline: false,
    rangemode: 'tozero',
    tickformat: '~s',
    tickfont: { color: theme.muted },
    automargin: true,
  };
  const layout: Record<string, unknown> = {
    autosize: true,
    height: input.height,
    margin,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: theme.fontFamily, size: 12, color: theme.text },
    hovermode: 'x unified',
    hoverlabel: { bgcolor: theme.surface, bordercolor: theme.axis, font: { color: theme.text, family: theme.fontFamily } },
    showlegend,
    legend: { orientation: 'h', x: 0, y: -LEGEND_OFFSET, yanchor: 'top', font: { color: theme.text }, traceorder: 'normal' },
    xaxis: {
      type: 'date',
      gridcolor: theme.grid,
      linecolor: theme.axis,
      tickfont: { color: theme.muted },
      hoverformat: `%a %Y-%m-%d %H:%M (${input.timeZone})`,
      zeroline: false,
      automargin: true,
    },
    yaxis: { ...yCommon, title: axisTitle(input.yAxis) },
  };
  if (input.y2Axis) {
    layout['yaxis2'] = { ...yCommon, title: axisTitle(input.y2Axis), overlaying: 'y', side: 'right', showgrid: false };
  }
  const config = { displaylogo: false, responsive: true, displayModeBar: false };
  return { data, layout, config };
}
