import { describe, expect, it } from 'vitest';
import { isoToZonedInput, zonedInputToIso } from './zoned-input';

describe('zoned datetime-local conversion', () => {
  it('reads a wall-clock time in the chosen zone', () => {
    // Berlin is UTC+1 in January and UTC+2 in July.
    expect(zonedInputToIso('2026-01-15T10:00', 'Europe/Berlin')).toBe('2026-01-15T09:00:00.000Z');
    expect(zonedInputToIso('2026-07-15T10:00', 'Europe/Berlin')).toBe('2026-07-15T08:00:00.000Z');
    expect(zonedInputToIso('2026-07-15T10:00', 'UTC')).toBe('2026-07-15T10:00:00.000Z');
    expect(zonedInputToIso('2026-03-01T23:30', 'Asia/Kolkata')).toBe('2026-03-01T18:00:00.000Z');
  });

  it('round-trips instants to input values', () => {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin']) {
      const iso = '2026-10-25T01:30:00.000Z';
      expect(zonedInputToIso(isoToZonedInput(iso, zone), zone)).toBe(iso);
    }
  });

  it('rejects unreadable input', () => {
    expect(zonedInputToIso('', 'UTC')).toBeNull();
  });
});
