export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  surface: string;
  fontFamily: string;
  series: string[];
}

const FALLBACK_SERIES = ['#6366f1', '#14b8a6', '#f59e0b', '#ec4899', '#0ea5e9', '#84cc16', '#f97316', '#a855f7'];

/**
 * Colors come from CSS custom properties on the chart's element, so the app's light and dark
 * themes (and any future theme) restyle charts without the chart knowing theme names.
 */
export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--chart-text', '#1f2937'),
    muted: read('--chart-muted', '#6b7280'),
    grid: read('--chart-grid', 'rgba(127,127,127,0.18)'),
    axis: read('--chart-axis', 'rgba(127,127,127,0.4)'),
    surface: read('--chart-surface', '#ffffff'),
    fontFamily: read('--chart-font', 'system-ui, sans-serif'),
    series: FALLBACK_SERIES.map((fallback, i) => read(`--series-${i + 1}`, fallback)),
  };
}

export function seriesColor(theme: ChartTheme, index: number): string {
  return theme.series[index % theme.series.length] ?? FALLBACK_SERIES[0]!;
}
