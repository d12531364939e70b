import { describe, expect, it } from 'vitest';
import { bucketMetrics } from './metrics';

describe('bucketMetrics', () => {
  it('is null for a bucket without sweeps', () => {
    expect(bucketMetrics({ coveredSeconds: 0, viewerSeconds: 0, channelSeconds: 0, peakViewers: 0, peakChannels: 0 })).toBeNull();
  });
  it('averages over every sweep, including those where the subject was absent', () => {
    // Two 300 s sweeps: 100 viewers on 2 channels, then nothing live.
    const m = bucketMetrics({ coveredSeconds: 600, viewerSeconds: 100 * 300, channelSeconds: 2 * 300, peakViewers: 100, peakChannels: 2 });
    expect(m).toEqual({
      hoursWatched: 100 * 300 / 3600,
      hoursStreamed: 600 / 3600,
      averageViewers: 50,
      averageChannels: 1,
      peakViewers: 100,
      peakChannels: 2,
      viewersPerChannel: 50,
    });
  });
});
