import { useCallback, useMemo } from 'react';
import { seriesColor } from './chart-theme';
import { PlotFigure, type FigureContext, type FigureSpec } from './plot-figure';
import { buildSessionTimeline, sessionsCsv, type SessionInput } from './session-timeline';

export interface SessionTimelineChartProps {
  id: string;
  title: string;
  sessions: readonly SessionInput[];
  timeZone: string;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  emptyMessage: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Broadcast sessions as horizontal bars on a time axis (Plotly bar with a date base). */
export function SessionTimelineChart({ id, title, sessions, timeZone, ...states }: SessionTimelineChartProps) {
  const bars = useMemo(() => buildSessionTimeline(sessions, timeZone), [sessions, timeZone]);
  const height = Math.max(180, Math.min(560, 60 + bars.rows.length * 26));
  const build = useCallback(
    ({ theme }: FigureContext): FigureSpec => ({
      data: [
        {
          type: 'bar',
          orientation: 'h',
          y: bars.rows,
          base: bars.base,
          x: bars.durationMs,
          customdata: bars.rows.map((_, i) => [
            bars.averageViewers[i] === null ? '–' : Math.round(bars.averageViewers[i]!).toLocaleString('en-US'),
            bars.peakViewers[i] === null ? '–' : bars.peakViewers[i]!.toLocaleString('en-US'),
            (bars.durationMs[i]! / 3_600_000).toFixed(2),
            escapeHtml(bars.labels[i]!),
            bars.base[i]!.slice(0, 16),
          ]),
          marker: { color: seriesColor(theme, 0) },
          hovertemplate: `%{customdata[4]} (${timeZone})<br>%{customdata[2]} h · avg %{customdata[0]} viewers · peak %{customdata[1]} viewers<br>%{customdata[3]}<extra></extra>`,
        },
      ],
      layout: {
        autosize: true,
        height,
        margin: { l: 8, r: 16, t: 8, b: 8 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { family: theme.fontFamily, size: 12, color: theme.text },
        hoverlabel: { bgcolor: theme.surface, bordercolor: theme.axis, font: { color: theme.text } },
        bargap: 0.35,
        xaxis: { type: 'date', gridcolor: theme.grid, linecolor: theme.axis, tickfont: { color: theme.muted }, automargin: true },
        yaxis: { type: 'category', autorange: 'reversed', tickfont: { color: theme.muted }, automargin: true },
      },
      config: { displaylogo: false, responsive: true, displayModeBar: false },
    }),
    [bars, timeZone, height],
  );
  const csv = useCallback(() => sessionsCsv(sessions), [sessions]);
  return <PlotFigure id={id} title={title} points={bars.rows.length} traces={1} build={build} csv={csv} height={height} {...states} />;
}
