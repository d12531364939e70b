import { bucketMetrics, BUCKET_SPECS, nextBucketStart, type BucketMetrics } from '@streamscope/shared';
import type { CoverageRow, RangeSums, RollupLevel as StoredLevel } from '@streamscope/db';
import { ARG_OF_BUCKET, RollupLevel } from '../../graphql/enums';
import { expectedSeconds, type SeriesWindow } from '../games/series-window';
import type { SeriesFrame } from './series-frame.types';

export const LEVEL: Record<StoredLevel, RollupLevel> = {
  raw: RollupLevel.RAW,
  hourly: RollupLevel.HOURLY,
  daily: RollupLevel.DAILY,
};

/** Per-bucket covered seconds and partial sweeps, aligned with the window's bucket starts. */
export interface Frame {
  covered: number[];
  partial: number[];
  frame: SeriesFrame;
}

export function buildFrame(window: SeriesWindow, coverage: readonly CoverageRow[], level: StoredLevel, nowMs: number): Frame {
  const index = bucketIndex(window);
  const n = window.starts.length;
  const covered = new Array<number>(n).fill(0);
  const partial = new Array<number>(n).fill(0);
  for (const c of coverage) {
    const i = index.get(c.bucketStart.getTime());
    if (i === undefined) continue;
    covered[i] = c.coveredSeconds;
    partial[i] = c.partialSweeps;
  }
  const share = window.starts.map((start, i) => {
    const expected = expectedSeconds(start, nextBucketStart(start, window.bucket, window.timeZone), nowMs);
    const got = covered[i] ?? 0;
    // A sweep counts for its whole interval, so a bucket still in progress can exceed 1.
    return expected > 0 ? Math.min(1, got / expected) : got > 0 ? 1 : 0;
  });
  return {
    covered,
    partial,
    frame: {
      bucket: ARG_OF_BUCKET[window.bucket],
      bucketSeconds: BUCKET_SPECS[window.bucket].seconds,
      timeZone: window.timeZone,
      level: LEVEL[level],
      from: window.from,
      to: window.to,
      timestamps: window.starts.map((s) => new Date(s)),
      coverage: share,
      partialSweeps: partial,
    },
  };
}

export function bucketIndex(window: SeriesWindow): Map<number, number> {
  return new Map(window.starts.map((s, i) => [s, i]));
}

const ZERO: RangeSums = { viewerSeconds: 0, channelSeconds: 0, peakViewers: 0, peakChannels: 0 };

/**
 * Metrics per bucket from sums keyed by bucket start: a covered bucket without sums had zero
 * viewers; an uncovered bucket is null (a gap).
 */
export function metricsPerBucket(window: SeriesWindow, covered: readonly number[], sums: ReadonlyMap<number, RangeSums>): Array<BucketMetrics | null> {
  return window.starts.map((start, i) => bucketMetrics({ coveredSeconds: covered[i] ?? 0, ...(sums.get(start) ?? ZERO) }));
}
