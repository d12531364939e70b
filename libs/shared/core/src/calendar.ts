import { BUCKET_SPECS, type Bucket } from './buckets';

/** Monday 2000-01-03: fixed-length buckets count from its local midnight (as the SQL date_bin does). */
export const BUCKET_ORIGIN_MS = Date.UTC(2000, 0, 3);

/**
 * One formatter per zone: constructing an Intl.DateTimeFormat costs far more than formatting with
 * it, and a bucket plan needs several offsets. Bounded, since any string may be asked about.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const FORMATTERS_MAX = 1_000;
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size < FORMATTERS_MAX) formatters.set(timeZone, f);
  }
  return f;
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number }

function wallTime(ms: number, timeZone: string): Wall {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of the zone from UTC at an instant, in ms (wall clock minus UTC). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the zone's wall clock shows the given local date at 00:00. */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  let t = guess - zoneOffsetMs(guess, timeZone);
  // One correction covers a DST change between the guess and the answer.
  t = guess - zoneOffsetMs(t, timeZone);
  return t;
}

function calendarStart(ms: number, bucket: Bucket, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  if (bucket === '1mo') return localMidnight(w.year, w.month, 1, timeZone);
  if (bucket === '1w') {
    const weekday = (new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7; // Monday = 0
    const d = new Date(Date.UTC(w.year, w.month - 1, w.day - weekday));
    return localMidnight(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), timeZone);
  }
  return localMidnight(w.year, w.month, w.day, timeZone);
}

function calendarNext(start: number, bucket: Bucket, timeZone: string): number {
  // Noon of the start's local day avoids DST edges when stepping by calendar units.
  const w = wallTime(start + 12 * 3600_000, timeZone);
  const step = bucket === '1mo' ? { m: 1, d: 0 } : bucket === '1w' ? { m: 0, d: 7 } : { m: 0, d: 1 };
  const d = new Date(Date.UTC(w.year, w.month - 1 + step.m, (bucket === '1mo' ? 1 : w.day) + step.d));
  return localMidnight(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), timeZone);
}

/** The instant fixed-length buckets count from in a zone: local midnight of Monday 2000-01-03. */
export function bucketOrigin(timeZone: string): number {
  return localMidnight(2000, 1, 3, timeZone);
}

/**
 * Start of the bucket holding an instant. Sub-day buckets have a fixed length from the zone's
 * origin (so 6h buckets in New York start at 00/06/12/18 local standard time).
 */
export function bucketStartOf(ms: number, bucket: Bucket, timeZone = 'UTC'): number {
  const spec = BUCKET_SPECS[bucket];
  if (spec.calendar) return calendarStart(ms, bucket, timeZone);
  const size = spec.seconds * 1000;
  const origin = bucketOrigin(timeZone);
  return origin + Math.floor((ms - origin) / size) * size;
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, bucket: Bucket, timeZone = 'UTC'): number {
  const spec = BUCKET_SPECS[bucket];
  return spec.calendar ? calendarNext(start, bucket, timeZone) : start + spec.seconds * 1000;
}

/** Every bucket start whose bucket overlaps [fromMs, toMs), in order: the complete axis of a series. */
export function bucketStarts(fromMs: number, toMs: number, bucket: Bucket, timeZone = 'UTC'): number[] {
  const out: number[] = [];
  for (let s = bucketStartOf(fromMs, bucket, timeZone); s < toMs; s = nextBucketStart(s, bucket, timeZone)) out.push(s);
  return out;
}
