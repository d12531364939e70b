import { describe, expect, it } from 'vitest';
import { bucketStartOf, bucketStarts, zoneOffsetMs } from './calendar';

const iso = (ms: number) => new Date(ms).toISOString();
const t = (s: string) => Date.parse(s);

describe('bucketStarts', () => {
  it('aligns sub-day buckets in UTC and covers the range', () => {
    expect(bucketStarts(t('2026-11-21T13:07:00Z'), t('2026-11-21T13:20:00Z'), '5m').map(iso)).toEqual([
      '2026-11-21T13:05:00.000Z',
      '2026-11-21T13:10:00.000Z',
      '2026-11-21T13:15:00.000Z',
    ]);
    expect(bucketStarts(t('2026-11-21T01:00:00Z'), t('2026-11-21T13:00:00Z'), '6h').map(iso)).toEqual([
      '2026-11-21T00:00:00.000Z',
      '2026-11-21T06:00:00.000Z',
      '2026-11-21T12:00:00.000Z',
    ]);
  });

  it('cuts days at local midnight across a DST change (New York, 2026-03-08)', () => {
    const days = bucketStarts(t('2026-03-07T12:00:00Z'), t('2026-03-10T00:00:00Z'), '1d', 'America/New_York').map(iso);
    expect(days).toEqual([
      '2026-03-07T05:00:00.000Z', // EST midnight
      '2026-03-08T05:00:00.000Z', // still EST at midnight; clocks jump at 02:00
      '2026-03-09T04:00:00.000Z', // EDT midnight
    ]);
  });

  it('starts weeks on Monday in the zone', () => {
    // 2026-11-21 is a Saturday.
    expect(iso(bucketStartOf(t('2026-11-21T10:00:00Z'), '1w', 'UTC'))).toBe('2026-11-16T00:00:00.000Z');
    expect(iso(bucketStartOf(t('2026-11-16T03:00:00Z'), '1w', 'Europe/Berlin'))).toBe('2026-11-15T23:00:00.000Z');
  });

  it('steps months by the calendar', () => {
    expect(bucketStarts(t('2026-01-15T00:00:00Z'), t('2026-04-01T00:00:00Z'), '1mo', 'UTC').map(iso)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
  });

  it('counts sub-day buckets from local midnight of the zone', () => {
    // New York is UTC-5 on 2000-01-03: 6h buckets start at 05/11/17/23 UTC all year.
    expect(bucketStarts(t('2026-07-01T00:00:00Z'), t('2026-07-01T12:00:00Z'), '6h', 'America/New_York').map(iso)).toEqual([
      '2026-06-30T23:00:00.000Z',
      '2026-07-01T05:00:00.000Z',
      '2026-07-01T11:00:00.000Z',
    ]);
    expect(iso(bucketStartOf(t('2026-06-01T10:10:00Z'), '1h', 'Asia/Kolkata'))).toBe('2026-06-01T09:30:00.000Z');
  });

  it('handles zones with non-hour offsets', () => {
    expect(zoneOffsetMs(t('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3600_000);
    expect(iso(bucketStartOf(t('2026-06-01T00:00:00Z'), '1d', 'Asia/Kolkata'))).toBe('2026-05-31T18:30:00.000Z');
  });
});
