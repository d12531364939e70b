import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ChartBody, DownloadButtons } from './chart-states';
import { readChartTheme, type ChartTheme } from './chart-theme';
import { downloadText, slugify } from './download';
import { loadPlotly, type PlotlyBundle } from './plotly-loader';
import { useThemeVersion } from './use-theme-version';
import './time-series-chart.css';

export interface FigureSpec {
  data: unknown[];
  layout: unknown;
  config: unknown;
}

export interface FigureContext {
  theme: ChartTheme;
  height: number;
  /** The container is narrow (phones): drop legends and long labels. */
  compact: boolean;
}

export interface PlotFigureProps {
  /** Used in data-testid="chart-<id>" and file names. */
  id: string;
  title: string;
  /** Values drawn (non-null); 0 shows the empty state. */
  points: number;
  traces: number;
  /** Builds the Plotly figure from the current theme; must be stable while the data is. */
  build(context: FigureContext): FigureSpec;
  /** CSV of exactly what is plotted. */
  csv(): string;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  emptyMessage: string;
  height?: number;
  /** Extra chrome in the toolbar (left of the download buttons). */
  toolbar?: ReactNode;
  /** The Plotly partial bundle with the figure's trace types (basic: scatter, bar, pie). */
  bundle?: PlotlyBundle;
}

/**
 * Any non-time-series Plotly figure (heatmaps, session timelines) with the same states and
 * downloads as TimeSeriesChart: skeleton, explained empty state, retryable error, CSV and PNG.
 */
export function PlotFigure({
  id,
  title,
  points,
  traces,
  build,
  csv,
  loading = false,
  error = null,
  onRetry,
  emptyMessage,
  height = 360,
  toolbar,
  bundle = 'basic',
}: PlotFigureProps) {
  const plotRef = useRef<HTMLDivElement | null>(null);
  const drawSeq = useRef(0);
  const [drawn, setDrawn] = useState<{ points: number; traces: number } | null>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  const [drawAttempt, setDrawAttempt] = useState(0);
  const themeVersion = useThemeVersion();

  const state: 'loading' | 'error' | 'empty' | 'ready' =
    error || drawError ? 'error' : loading && points === 0 ? 'loading' : points === 0 ? 'empty' : 'ready';

  useEffect(() => {
    const element = plotRef.current;
    if (state !== 'ready' || !element) return;
    const seq = ++drawSeq.current;
    const spec = build({
      theme: readChartTheme(element),
      height,
      compact: element.clientWidth > 0 && element.clientWidth < 560,
    });
    loadPlotly(bundle)
      .then((plotly) => plotly.react(element, spec.data, spec.layout, spec.config))
      .then(() => {
        if (seq === drawSeq.current) setDrawn({ points, traces });
      })
      .catch(() => {
        if (seq === drawSeq.current) setDrawError('The chart library could not be loaded.');
      });
  }, [state, build, points, traces, height, themeVersion, drawAttempt, bundle]);

  useEffect(() => {
    if (state !== 'ready') setDrawn(null);
  }, [state]);

  useEffect(() => {
    const element = plotRef.current;
    return () => {
      if (element) void loadPlotly(bundle).then((plotly) => plotly.purge(element), () => undefined);
    };
  }, [state, bundle]);

  const retry = useCallback(() => {
    if (drawError) {
      setDrawError(null);
      setDrawAttempt((n) => n + 1);
    }
    if (error) onRetry?.();
  }, [drawError, error, onRetry]);

  const fileBase = slugify(title) || id;
  const downloadPng = () => {
    const element = plotRef.current;
    if (!element) return;
    void loadPlotly(bundle).then((plotly) =>
      plotly.downloadImage(element, { format: 'png', filename: fileBase, width: 1200, height: 600, scale: 2 }),
    );
  };

  return (
    <div
      className="ssc-chart"
      data-testid={`chart-${id}`}
      data-state={state}
      data-points={state === 'ready' && drawn ? drawn.points : undefined}
      data-traces={state === 'ready' && drawn ? drawn.traces : undefined}
      aria-busy={loading || (state === 'ready' && !drawn)}
    >
      <div className="ssc-chart__toolbar">
        {toolbar}
        <DownloadButtons
          onCsv={() => downloadText(`${fileBase}.csv`, csv())}
          onPng={downloadPng}
          csvReady={state === 'ready'}
          pngReady={state === 'ready' && Boolean(drawn)}
        />
      </div>
      <ChartBody
        state={state}
        height={height}
        emptyMessage={emptyMessage}
        errorMessage={error ?? drawError ?? 'Something went wrong.'}
        onRetry={retry}
        plotRef={plotRef}
        title={title}
      />
    </div>
  );
}
