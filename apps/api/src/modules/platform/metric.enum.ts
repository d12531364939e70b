import { registerEnumType } from 'type-graphql';
import type { MetricName } from '@streamscope/shared';

export enum Metric {
  AVERAGE_VIEWERS = 'AVERAGE_VIEWERS',
  PEAK_VIEWERS = 'PEAK_VIEWERS',
  HOURS_WATCHED = 'HOURS_WATCHED',
  HOURS_STREAMED = 'HOURS_STREAMED',
  AVERAGE_CHANNELS = 'AVERAGE_CHANNELS',
  PEAK_CHANNELS = 'PEAK_CHANNELS',
  VIEWERS_PER_CHANNEL = 'VIEWERS_PER_CHANNEL',
}
registerEnumType(Metric, {
  name: 'Metric',
  description: 'A Twitch viewing metric, as defined in ARCHITECTURE.md "Metric definitions".',
});

export const METRIC_NAME: Record<Metric, MetricName> = {
  [Metric.AVERAGE_VIEWERS]: 'averageViewers',
  [Metric.PEAK_VIEWERS]: 'peakViewers',
  [Metric.HOURS_WATCHED]: 'hoursWatched',
  [Metric.HOURS_STREAMED]: 'hoursStreamed',
  [Metric.AVERAGE_CHANNELS]: 'averageChannels',
  [Metric.PEAK_CHANNELS]: 'peakChannels',
  [Metric.VIEWERS_PER_CHANNEL]: 'viewersPerChannel',
};

/** Peaks are maxima over sweeps: a remainder's peak needs each sweep's remainder. */
export const PEAK_METRICS: ReadonlySet<Metric> = new Set([Metric.PEAK_VIEWERS, Metric.PEAK_CHANNELS]);

export enum GroupBy {
  GAME = 'GAME',
  LANGUAGE = 'LANGUAGE',
}
registerEnumType(GroupBy, { name: 'GroupBy', description: 'What a metric series is split by.' });
