import type { AxisSpec } from '@streamscope/charts';
import type { Metric } from '../gql/graphql';

export interface MetricInfo {
  label: string;
  axis: AxisSpec;
  /** Adding groups up gives a meaningful total (sums and averages), so a stacked area is honest. */
  stackable: boolean;
}

export const METRIC_INFO: Record<Metric, MetricInfo> = {
  AVERAGE_VIEWERS: { label: 'Average viewers', axis: { label: 'Average concurrent', unit: 'viewers', decimals: 1 }, stackable: true },
  PEAK_VIEWERS: { label: 'Peak viewers', axis: { label: 'Peak concurrent', unit: 'viewers', decimals: 0 }, stackable: false },
  HOURS_WATCHED: { label: 'Hours watched', axis: { label: 'Watch time', unit: 'hours', decimals: 1 }, stackable: true },
  HOURS_STREAMED: { label: 'Hours streamed', axis: { label: 'Broadcast time', unit: 'hours', decimals: 1 }, stackable: true },
  AVERAGE_CHANNELS: { label: 'Average channels', axis: { label: 'Live channels', unit: 'channels', decimals: 1 }, stackable: true },
  PEAK_CHANNELS: { label: 'Peak channels', axis: { label: 'Peak live channels', unit: 'channels', decimals: 0 }, stackable: false },
  VIEWERS_PER_CHANNEL: { label: 'Viewers per channel', axis: { label: 'Viewers per channel', unit: 'viewers', decimals: 1 }, stackable: false },
};

export const METRICS = Object.keys(METRIC_INFO) as Metric[];

/** Metrics a top list can be ranked by. */
export const RANK_METRICS: Metric[] = ['HOURS_WATCHED', 'AVERAGE_VIEWERS', 'PEAK_VIEWERS', 'HOURS_STREAMED'];

export function isMetric(value: string | null): value is Metric {
  return value !== null && value in METRIC_INFO;
}
