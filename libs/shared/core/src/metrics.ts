/**
 * Metric definitions (ARCHITECTURE.md, "Metric definitions"), computed from the sums that
 * rollups keep. A sweep at t with sample_seconds s stands for [t, t+s).
 */
export interface BucketSums {
  /** Σ s over the sweeps in the bucket (all sweeps, not only those where the subject was live). */
  coveredSeconds: number;
  /** Σ viewers(x, sweep) × s. */
  viewerSeconds: number;
  /** Σ channels(x, sweep) × s. */
  channelSeconds: number;
  peakViewers: number;
  peakChannels: number;
}

export interface BucketMetrics {
  hoursWatched: number;
  hoursStreamed: number;
  averageViewers: number;
  averageChannels: number;
  peakViewers: number;
  peakChannels: number;
  /** null when no channel was live on average. */
  viewersPerChannel: number | null;
}

/** null for a bucket with no sweep: a gap is never zero. */
export function bucketMetrics(s: BucketSums): BucketMetrics | null {
  if (s.coveredSeconds <= 0) return null;
  const hoursWatched = s.viewerSeconds / 3600;
  const hoursStreamed = s.channelSeconds / 3600;
  // hours watched ÷ covered hours, with the 3600s cancelled so the division stays exact.
  const averageViewers = s.viewerSeconds / s.coveredSeconds;
  const averageChannels = s.channelSeconds / s.coveredSeconds;
  return {
    hoursWatched,
    hoursStreamed,
    averageViewers,
    averageChannels,
    peakViewers: s.peakViewers,
    peakChannels: s.peakChannels,
    viewersPerChannel: averageChannels > 0 ? averageViewers / averageChannels : null,
  };
}

export const METRICS = [
  'averageViewers',
  'peakViewers',
  'hoursWatched',
  'hoursStreamed',
  'averageChannels',
  'peakChannels',
  'viewersPerChannel',
] as const;
export type MetricName = (typeof METRICS)[number];

export const METRIC_UNITS: Record<MetricName, string> = {
  averageViewers: 'viewers',
  peakViewers: 'viewers',
  hoursWatched: 'hours',
  hoursStreamed: 'hours',
  averageChannels: 'channels',
  peakChannels: 'channels',
  viewersPerChannel: 'viewers per channel',
};
