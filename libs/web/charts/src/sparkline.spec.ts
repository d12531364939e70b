import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline';

describe('sparklinePath', () => {
  it('scales values to the box and breaks the line at gaps', () => {
    // 5 values over width 100 → x step 25; min 0 max 10 over height 20.
    expect(sparklinePath([0, 10, null, 5, 10], 100, 20)).toBe('M0.0,20.0L25.0,0.0M75.0,10.0L100.0,0.0');
  });

  it('draws a flat line mid-height and nothing for all-null', () => {
    expect(sparklinePath([3, 3], 10, 20)).toBe('M0.0,10.0L10.0,10.0');
    expect(sparklinePath([null, null], 10, 20)).toBe('');
  });
});
