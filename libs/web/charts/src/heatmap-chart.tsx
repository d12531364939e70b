import { useCallback } from 'react';
import type { AxisSpec } from './series.types';
import { heatmapCsv, type HeatmapMatrix } from './heatmap-matrix';
import { PlotFigure, type FigureContext, type FigureSpec } from './plot-figure';

export interface HeatmapChartProps {
  id: string;
  title: string;
  matrix: HeatmapMatrix | null;
  value: AxisSpec;
  timeZone: string;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  emptyMessage: string;
  height?: number;
}

/** Weekday × hour heatmap (Plotly heatmap from the cartesian bundle); blank cells had no sweeps. */
export function HeatmapChart({ id, title, matrix, value, timeZone, height = 340, ...states }: HeatmapChartProps) {
  const build = useCallback(
    ({ theme, compact }: FigureContext): FigureSpec => {
      const m = matrix!;
      const fmt = `,.${value.decimals ?? 0}~f`;
      return {
        data: [
          {
            type: 'heatmap',
            x: m.hours,
            y: compact ? m.weekdays.map((d) => d.slice(0, 3)) : m.weekdays,
            z: m.z,
            customdata: m.sweeps,
            hoverongaps: false,
            xgap: 2,
            ygap: 2,
            // Viridis stays readable (and ordered) on both light and dark backgrounds.
            colorscale: 'Viridis',
            colorbar: { thickness: 10, outlinewidth: 0, tickfont: { color: theme.muted }, tickformat: '~s' },
            hovertemplate: `%{y} %{x}:00 (${timeZone})<br>%{z:${fmt}} ${value.unit}<br>%{customdata} sweeps<extra></extra>`,
          },
        ],
        layout: {
          autosize: true,
          height,
          margin: { l: 8, r: 8, t: 8, b: 8 },
          paper_bgcolor: 'rgba(0,0,0,0)',
          plot_bgcolor: 'rgba(0,0,0,0)',
          font: { family: theme.fontFamily, size: 12, color: theme.text },
          hoverlabel: { bgcolor: theme.surface, bordercolor: theme.axis, font: { color: theme.text } },
          xaxis: { title: { text: `Hour (${timeZone})`, font: { color: theme.muted } }, tickfont: { color: theme.muted }, automargin: true, dtick: compact ? 3 : 1, zeroline: false, showgrid: false },
          yaxis: { autorange: 'reversed', tickfont: { color: theme.muted }, automargin: true, zeroline: false, showgrid: false },
        },
        config: { displaylogo: false, responsive: true, displayModeBar: false },
      };
    },
    [matrix, value, timeZone, height],
  );
  const csv = useCallback(() => (matrix ? heatmapCsv(matrix, `${value.label} (${value.unit})`) : ''), [matrix, value]);
  return (
    <PlotFigure id={id} title={title} points={matrix?.points ?? 0} traces={1} build={build} csv={csv} height={height} bundle="cartesian" {...states} />
  );
}
