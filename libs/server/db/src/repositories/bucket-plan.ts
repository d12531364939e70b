import { BUCKET_SPECS, isTimeZone, zoneOffsetMs, type Bucket } from '@streamscope/shared';

export type RollupLevel = 'raw' | 'hourly' | 'daily';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Calendar units for date_trunc; a fixed map, so request text never becomes SQL. */
const CALENDAR_UNIT: Partial<Record<Bucket, 'day' | 'week' | 'month'>> = { '1d': 'day', '1w': 'week', '1mo': 'month' };

/** UTC offset of `timeZone` at `at`, in minutes (east positive). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  return Math.round(zoneOffsetMs(at.getTime(), timeZone) / 60_000);
}

/** Offsets the zone uses around the range: its ends plus mid-month samples of each year. */
function offsetsAround(timeZone: string, from: Date, to: Date): number[] {
  const out = [zoneOffsetMinutes(timeZone, from), zoneOffsetMinutes(timeZone, to)];
  const y0 = from.getUTCFullYear();
  const y1 = Math.min(to.getUTCFullYear(), y0 + 50);
  for (let y = y0; y <= y1; y++) {
    for (let m = 0; m < 12; m++) out.push(zoneOffsetMinutes(timeZone, new Date(Date.UTC(y, m, 15))));
  }
  return out;
}

const aligned = (d: Date, ms: number) => d.getTime() % ms === 0;

export interface BucketPlan {
  level: RollupLevel;
  /** SQL expression for the bucket start of `col`, using parameters $3 and $4. */
  bucketSql(col: string): string;
  /** Values for $3 and $4. */
  params: [string, string | Date];
}

/**
 * Picks the coarsest stored level that gives exactly the numbers the raw per-sweep rows would:
 * hourly rows only when every bucket edge and the range ends fall on whole UTC hours, daily rows
 * only when they fall on UTC midnights. Sub-day buckets are counted from the zone's local
 * midnight of 2000-01-03 (a Monday), so 6h buckets start at local 00/06/12/18 in standard time.
 */
export function planBuckets(bucket: Bucket, timeZone: string, from: Date, to: Date): BucketPlan {
  if (!isTimeZone(timeZone)) throw new Error(`unknown time zone ${JSON.stringify(timeZone.slice(0, 64))}`);
  const spec = BUCKET_SPECS[bucket];
  const unit = CALENDAR_UNIT[bucket];
  const hourRange = aligned(from, HOUR_MS) && aligned(to, HOUR_MS);
  const dayRange = aligned(from, DAY_MS) && aligned(to, DAY_MS);
  if (unit) {
    const offsets = offsetsAround(timeZone, from, to);
    const level: RollupLevel =
      offsets.every((o) => o === 0) && dayRange ? 'daily' : offsets.every((o) => o % 60 === 0) && hourRange ? 'hourly' : 'raw';
    return { level, bucketSql: (col) => `date_trunc($3::text, ${col}, $4::text)`, params: [unit, timeZone] };
  }
  const base = Date.UTC(2000, 0, 3);
  const originMs = base - zoneOffsetMinutes(timeZone, new Date(base)) * 60_000;
  const origin = new Date(base - zoneOffsetMinutes(timeZone, new Date(originMs)) * 60_000);
  const level: RollupLevel = spec.seconds >= 3600 && hourRange && aligned(origin, HOUR_MS) ? 'hourly' : 'raw';
  return {
    level,
    bucketSql: (col) => `date_bin($3::interval, ${col}, $4::timestamptz)`,
    params: [spec.interval, origin],
  };
}

/** Level for a plain range total (no buckets): the coarsest one whose edges fit the range. */
export function rangeLevel(from: Date, to: Date): RollupLevel {
  if (aligned(from, DAY_MS) && aligned(to, DAY_MS)) return 'daily';
  if (aligned(from, HOUR_MS) && aligned(to, HOUR_MS)) return 'hourly';
  return 'raw';
}
