import { describe, expect, it } from 'vitest';
import type { GameViewersQuery } from '../../gql/graphql';
import { overallCoverage, summarizeGames } from './game-summary';

// Two games over three 1-hour buckets; the middle bucket had no sweep, the last one half its sweeps.
const result: GameViewersQuery['gameViewers'] = {
  bucket: 'HOUR',
  bucketSeconds: 3600,
  timeZone: 'UTC',
  level: 'HOURLY',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-01T03:00:00.000Z',
  timestamps: ['2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z'],
  coverage: [1, 0, 0.5],
  partialSweeps: [0, 0, 1],
  series: [
    { gameId: 'g1', name: 'One', averageViewers: [100, null, 300], peakViewers: [150, null, 420], hoursWatched: [100, null, 150] },
    { gameId: 'g2', name: 'Two', averageViewers: [null, null, null], peakViewers: [null, null, null], hoursWatched: [null, null, null] },
  ],
};

describe('summarizeGames', () => {
  it('divides hours watched by covered hours, ignoring gap buckets', () => {
    const [one, two] = summarizeGames(result);
    // covered hours = 1×1h + 0 + 0.5×1h = 1.5 h; watched = 250 h.
    expect(one!.hoursWatched).toBe(250);
    expect(one!.averageViewers).toBeCloseTo(250 / 1.5, 9);
    expect(one!.peakViewers).toBe(420);
    expect(two!.averageViewers).toBeNull();
    expect(two!.peakViewers).toBeNull();
    expect(two!.hoursWatched).toBe(0);
  });

  it('averages coverage over buckets', () => {
    expect(overallCoverage(result)).toBeCloseTo(0.5, 9);
    expect(overallCoverage({ ...result, coverage: [], timestamps: [] })).toBeNull();
  });
});

describe('coverageWeightedMean', () => {
  it('weights bucket averages by coverage and ignores gaps', async () => {
    const { coverageWeightedMean } = await import('./game-summary');
    // (100·1 + 400·0.25) ÷ 1.25 = 160; the null bucket and the zero-coverage bucket do not count.
    expect(coverageWeightedMean([100, null, 400, 999], [1, 1, 0.25, 0])).toBeCloseTo(160, 12);
    expect(coverageWeightedMean([null], [1])).toBeNull();
  });
});
