import type { Bucket } from '../gql/graphql';
import { isValidTimeZone } from './time-zones';

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PRESET_SECONDS: Record<RangePreset, number> = {
  '1h': 3_600,
  '24h': 86_400,
  '7d': 7 * 86_400,
  '30d': 30 * 86_400,
  '90d': 90 * 86_400,
};

export const DEFAULT_PRESET: RangePreset = '24h';

export const BUCKET_LABELS: Record<Bucket, string> = {
  AUTO: 'Auto',
  FIVE_MINUTES: '5 minutes',
  FIFTEEN_MINUTES: '15 minutes',
  HOUR: '1 hour',
  SIX_HOURS: '6 hours',
  DAY: '1 day',
  WEEK: '1 week',
  MONTH: '1 month',
};

export const BUCKETS = Object.keys(BUCKET_LABELS) as Bucket[];

export interface TimeRange {
  /** null when the range is a custom from/to. */
  preset: RangePreset | null;
  from: string;
  to: string;
  bucket: Bucket;
  timeZone: string;
}

function isPreset(value: string | null): value is RangePreset {
  return value !== null && (RANGE_PRESETS as readonly string[]).includes(value);
}

function isBucket(value: string | null): value is Bucket {
  return value !== null && value in BUCKET_LABELS;
}

function parseInstant(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Presets end at the start of the current minute so every render in that minute asks the same question. */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

/**
 * The view a URL describes. A valid from/to pair wins over a preset; anything unreadable falls
 * back to the defaults rather than failing, so an edited or truncated link still opens.
 */
export function parseTimeRange(params: URLSearchParams, nowMs: number): TimeRange {
  const tz = params.get('tz');
  const bucket = params.get('bucket');
  const timeZone = tz && isValidTimeZone(tz) ? tz : 'UTC';
  const common = { bucket: isBucket(bucket) ? bucket : ('AUTO' as Bucket), timeZone };

  const from = parseInstant(params.get('from'));
  const to = parseInstant(params.get('to'));
  if (from !== null && to !== null && from < to) {
    return { preset: null, from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...common };
  }
  const rangeParam = params.get('range');
  const preset = isPreset(rangeParam) ? rangeParam : DEFAULT_PRESET;
  const end = floorToMinute(nowMs);
  return {
    preset,
    from: new Date(end - PRESET_SECONDS[preset] * 1000).toISOString(),
    to: new Date(end).toISOString(),
    ...common,
  };
}

/** Writes a view back in its canonical query form. */
export function toSearchParams(range: TimeRange, base?: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(base);
  for (const key of ['range', 'from', 'to', 'bucket', 'tz']) next.delete(key);
  if (range.preset) {
    next.set('range', range.preset);
  } else {
    next.set('from', range.from);
    next.set('to', range.to);
  }
  next.set('bucket', range.bucket);
  next.set('tz', range.timeZone);
  return next;
}
