import { describe, expect, it } from 'vitest';
import { sharesOverTime } from './shares';

describe('sharesOverTime', () => {
  it('divides each group by the bucket total and keeps all-null buckets as gaps', () => {
    const out = sharesOverTime(
      [
        { key: 'en', name: 'English', values: [30, null, 10, 0] },
        { key: 'de', name: 'German', values: [10, null, null, 0] },
        { key: 'other', name: 'Other', values: [60, null, 30, 0] },
      ],
      4,
    );
    expect(out.map((g) => g.values[0])).toEqual([0.3, 0.1, 0.6]);
    expect(out.map((g) => g.values[1])).toEqual([null, null, null]);
    expect(out[0]!.values[2]).toBeCloseTo(0.25, 12);
    expect(out[1]!.values[2]).toBe(0);
    expect(out[2]!.values[2]).toBeCloseTo(0.75, 12);
    expect(out.map((g) => g.values[3])).toEqual([0, 0, 0]);
    // Shares in a covered bucket add up to 1.
    expect(out.reduce((s, g) => s + (g.values[0] ?? 0), 0)).toBeCloseTo(1, 12);
  });
});
