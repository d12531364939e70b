/**
 * Time buckets the product offers. The server picks SQL from this fixed map; request text
 * never reaches SQL. Day, week and month buckets follow a requested IANA zone.
 */
export const BUCKETS = ['5m', '15m', '1h', '6h', '1d', '1w', '1mo'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface BucketSpec {
  bucket: Bucket;
  /** Nominal length, for point budgets and range caps (a month counts as 30 days). */
  seconds: number;
  /** Postgres interval literal, used for date_bin / time arithmetic. */
  interval: string;
  /** Calendar buckets (day and longer) are cut in the requested time zone. */
  calendar: boolean;
}

export const BUCKET_SPECS: Record<Bucket, BucketSpec> = {
  '5m': { bucket: '5m', seconds: 300, interval: '5 minutes', calendar: false },
  '15m': { bucket: '15m', seconds: 900, interval: '15 minutes', calendar: false },
  '1h': { bucket: '1h', seconds: 3_600, interval: '1 hour', calendar: false },
  '6h': { bucket: '6h', seconds: 21_600, interval: '6 hours', calendar: false },
  '1d': { bucket: '1d', seconds: 86_400, interval: '1 day', calendar: true },
  '1w': { bucket: '1w', seconds: 604_800, interval: '7 days', calendar: true },
  '1mo': { bucket: '1mo', seconds: 2_592_000, interval: '1 month', calendar: true },
};

export function isBucket(value: string): value is Bucket {
  return (BUCKETS as readonly string[]).includes(value);
}

/**
 * The finest bucket that keeps the series within `maxPoints` over the range, never finer than
 * the sampling interval (like Grafana's $__interval).
 */
export function autoBucket(rangeSeconds: number, maxPoints: number, minSeconds = 300): Bucket {
  for (const b of BUCKETS) {
    const spec = BUCKET_SPECS[b];
    if (spec.seconds < minSeconds) continue;
    if (Math.ceil(rangeSeconds / spec.seconds) <= maxPoints) return b;
  }
  return '1mo';
}

/**
 * Zones already found valid. Building an Intl.DateTimeFormat costs up to a millisecond and every
 * series request checks its zone; validity cannot change while the process runs. Only valid
 * names are kept, and at most KNOWN_ZONES_MAX of them (Intl also accepts every upper/lower-case
 * spelling, so callers could otherwise grow the set without bound).
 */
const knownZones = new Set<string>();
const KNOWN_ZONES_MAX = 1_000;

/** Whether an IANA zone name is known to this runtime. */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (knownZones.size < KNOWN_ZONES_MAX) knownZones.add(zone);
  return true;
}
