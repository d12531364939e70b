import { describe, expect, it } from 'vitest';
import { autoBucket, BUCKET_SPECS, isBucket, isTimeZone } from './buckets';

describe('autoBucket', () => {
  it('picks the finest bucket within the point budget', () => {
    expect(autoBucket(3600, 100)).toBe('5m'); // 12 points
    expect(autoBucket(86_400, 100)).toBe('15m'); // 96 points
    expect(autoBucket(7 * 86_400, 200)).toBe('1h'); // 168 points
    expect(autoBucket(30 * 86_400, 200)).toBe('6h'); // 120 points
    expect(autoBucket(365 * 86_400, 60)).toBe('1w'); // 53 points
  });
  it('never goes below the sampling interval', () => {
    expect(autoBucket(3600, 1000, 900)).toBe('15m');
  });
  it('falls back to months for huge ranges', () => {
    expect(autoBucket(100 * 365 * 86_400, 10)).toBe('1mo');
  });
});

describe('bucket helpers', () => {
  it('knows its buckets and zones', () => {
    expect(isBucket('1h')).toBe(true);
    expect(isBucket('1 hour; drop table x')).toBe(false);
    expect(BUCKET_SPECS['1d'].calendar).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
