import { describe, expect, it } from 'vitest';
import { laggedCorrelation, pearson } from './correlation';

describe('pearson', () => {
  it('matches a hand computation', () => {
    // x = 1..5, y = 2,4,5,4,5: r = 6 / sqrt(10 * 6) = 0.7745966692
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).r).toBeCloseTo(0.7745966692, 9);
  });
  it('skips pairs with a gap on either side', () => {
    const { r, n } = pearson([1, null, 3, 4, 5, 100], [2, 4, 5, 4, 5, null]);
    expect(n).toBe(4);
    expect(r).toBeCloseTo(pearson([1, 3, 4, 5], [2, 5, 4, 5]).r!, 12);
  });
  it('is null without variance or with fewer than 3 pairs', () => {
    expect(pearson([1, 1, 1], [1, 2, 3]).r).toBeNull();
    expect(pearson([1, 2], [1, 2]).r).toBeNull();
  });
});

describe('laggedCorrelation', () => {
  it('finds the lag at which posts follow viewers', () => {
    const viewers = Array.from({ length: 96 }, (_, t) => 1000 + 800 * Math.sin((2 * Math.PI * t) / 24) + (t % 5) * 37);
    // posts trail viewers by 3 hours
    const posts = viewers.map((_, t) => (t >= 3 ? viewers[t - 3]! / 10 : null));
    const { best, atZero } = laggedCorrelation(viewers, posts);
    expect(best?.lagHours).toBe(3);
    expect(best?.r).toBeCloseTo(1, 9);
    expect(atZero.r!).toBeLessThan(best!.r);
  });
  it('ignores lags with too few pairs', () => {
    const { byLag } = laggedCorrelation([1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12], 2, 5);
    expect(byLag.map((c) => c.lagHours)).toEqual([-1, 0, 1]);
  });
});
