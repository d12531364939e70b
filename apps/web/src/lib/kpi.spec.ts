import { describe, expect, it } from 'vitest';
import { compare, lastValue } from './kpi';

describe('KPI helpers', () => {
  it('takes the newest value that is not a gap', () => {
    expect(lastValue([1, 2, null, null])).toBe(2);
    expect(lastValue([null])).toBeNull();
  });

  it('computes the relative change against the previous period', () => {
    expect(compare(150, 100).change).toBeCloseTo(0.5, 12);
    expect(compare(50, 100).change).toBeCloseTo(-0.5, 12);
    expect(compare(5, 0).change).toBeNull();
    expect(compare(null, 3).change).toBeNull();
  });

});
