import { describe, expect, it } from 'vitest';
import { planBuckets, rangeLevel, zoneOffsetMinutes } from './bucket-plan';

const d = (s: string) => new Date(s);

describe('planBuckets', () => {
  const from = d('2024-03-08T00:00:00Z');
  const to = d('2024-03-11T00:00:00Z');

  it('reads per-sweep rows below an hour', () => {
    expect(planBuckets('5m', 'UTC', from, to).level).toBe('raw');
    expect(planBuckets('15m', 'UTC', from, to).level).toBe('raw');
  });

  it('reads hourly rows for 1h/6h only on whole-hour origins and ranges', () => {
    expect(planBuckets('1h', 'UTC', from, to).level).toBe('hourly');
    expect(planBuckets('6h', 'America/New_York', from, to).level).toBe('hourly');
    expect(planBuckets('6h', 'Asia/Kolkata', from, to).level).toBe('raw');
    expect(planBuckets('1h', 'UTC', d('2024-03-08T00:30:00Z'), to).level).toBe('raw');
  });

  it('counts sub-day buckets from local midnight of 2000-01-03', () => {
    expect(planBuckets('6h', 'America/New_York', from, to).params).toEqual(['6 hours', d('2000-01-03T05:00:00Z')]);
    expect(planBuckets('1h', 'Asia/Kolkata', from, to).params[1]).toEqual(d('2000-01-02T18:30:00Z'));
  });

  it('reads daily rows for calendar buckets only in UTC on day edges', () => {
    expect(planBuckets('1d', 'UTC', from, to).level).toBe('daily');
    expect(planBuckets('1w', 'UTC', from, to).level).toBe('daily');
    expect(planBuckets('1mo', 'Etc/UTC', from, to).level).toBe('daily');
    expect(planBuckets('1d', 'UTC', d('2024-03-08T01:00:00Z'), to).level).toBe('hourly');
    expect(planBuckets('1d', 'America/New_York', from, to).level).toBe('hourly');
    expect(planBuckets('1d', 'Europe/London', from, to).level).toBe('hourly');
    expect(planBuckets('1d', 'Asia/Kathmandu', from, to).level).toBe('raw');
    expect(planBuckets('1d', 'Australia/Lord_Howe', from, to).level).toBe('raw');
  });

  it('passes calendar units and zones as parameters, never as SQL text', () => {
    const p = planBuckets('1mo', 'America/New_York', from, to);
    expect(p.params).toEqual(['month', 'America/New_York']);
    expect(p.bucketSql('r.ts')).toBe('date_trunc($3::text, r.ts, $4::text)');
  });

  it('rejects unknown zones', () => {
    expect(() => planBuckets('1d', "UTC'; DROP TABLE x; --", from, to)).toThrow(/unknown time zone/);
  });
});

describe('rangeLevel / zoneOffsetMinutes', () => {
  it('picks the coarsest level whose edges fit', () => {
    expect(rangeLevel(d('2024-01-01T00:00:00Z'), d('2024-01-03T00:00:00Z'))).toBe('daily');
    expect(rangeLevel(d('2024-01-01T01:00:00Z'), d('2024-01-03T00:00:00Z'))).toBe('hourly');
    expect(rangeLevel(d('2024-01-01T01:05:00Z'), d('2024-01-03T00:00:00Z'))).toBe('raw');
  });

  it('knows DST', () => {
    expect(zoneOffsetMinutes('America/New_York', d('2024-03-10T06:00:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', d('2024-03-10T08:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('Asia/Kolkata', d('2024-03-10T08:00:00Z'))).toBe(330);
  });
});
