import { autoBucket, BUCKET_SPECS, bucketStarts, isTimeZone, nextBucketStart, type Bucket } from '@streamscope/shared';
import { badInput } from '../../graphql/errors';
import { BUCKET_OF_ARG, BucketArg } from '../../graphql/enums';

export const MAX_POINTS_CAP = 2_000;

export interface SeriesWindow {
  /** The requested range widened to whole buckets: a bucket's value uses all its sweeps. */
  from: Date;
  to: Date;
  /** What was asked for, for coverage (expected sweeps are counted inside it only). */
  requested: { from: Date; to: Date };
  bucket: Bucket;
  timeZone: string;
  starts: number[];
}

/**
 * Validates a requested range and resolves its bucket. The server chooses and clamps, and
 * refuses a request whose bucket count exceeds the cap, saying how to ask within it.
 */
export function resolveSeriesWindow(
  args: { from: Date; to: Date; bucket: BucketArg; timeZone: string; maxPoints: number },
  sampleSeconds: number,
): SeriesWindow {
  const { from, to, timeZone } = args;
  if (!(from.getTime() < to.getTime())) throw badInput('to', 'must be after from');
  if (!isTimeZone(timeZone)) throw badInput('timeZone', `unknown IANA time zone ${JSON.stringify(timeZone)}; use e.g. "UTC" or "Europe/Berlin"`);
  if (!Number.isInteger(args.maxPoints) || args.maxPoints < 1 || args.maxPoints > MAX_POINTS_CAP) {
    throw badInput('maxPoints', `must be between 1 and ${MAX_POINTS_CAP}`);
  }
  const rangeSeconds = (to.getTime() - from.getTime()) / 1000;
  const bucket = args.bucket === BucketArg.AUTO ? autoBucket(rangeSeconds, args.maxPoints, sampleSeconds) : BUCKET_OF_ARG[args.bucket];
  const starts = bucketStarts(from.getTime(), to.getTime(), bucket, timeZone);
  if (starts.length > args.maxPoints) {
    const maxRangeDays = (args.maxPoints * BUCKET_SPECS[bucket].seconds) / 86_400;
    throw badInput(
      'bucket',
      `${starts.length} buckets of ${bucket} exceed maxPoints ${args.maxPoints}; use a coarser bucket, AUTO, or a range of at most ${maxRangeDays.toFixed(2)} days`,
    );
  }
  const first = starts[0] ?? from.getTime();
  const end = nextBucketStart(starts[starts.length - 1] ?? first, bucket, timeZone);
  return { from: new Date(first), to: new Date(end), requested: { from, to }, bucket, timeZone, starts };
}

/** Seconds of a bucket that sweeps were expected to cover: none in the future. */
export function expectedSeconds(start: number, next: number, nowMs: number): number {
  return Math.max(0, (Math.min(next, nowMs) - start) / 1000);
}
