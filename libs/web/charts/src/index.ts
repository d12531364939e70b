export { TimeSeriesChart } from './time-series-chart';
export type { TimeSeriesChartProps } from './time-series-chart';
export type { ChartSeries, AxisSpec } from './series.types';
export { countPoints } from './series.types';
export type { ChartMode } from './plot-spec';
export { buildSeriesCsv } from './csv';
export { toZonedWallClock } from './zoned-time';
