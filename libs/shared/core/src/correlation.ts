/**
 * Cross-platform correlation (ARCHITECTURE.md): hourly average viewers of a game against the
 * hourly post volume of its linked query. Pearson r over the hours where both values exist,
 * and the lag in [-maxLag, +maxLag] hours that maximises r.
 */

/** Pearson r of paired values, skipping pairs where either is null; null below 3 pairs or with no variance. */
export function pearson(xs: ReadonlyArray<number | null>, ys: ReadonlyArray<number | null>): { r: number | null; n: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  const len = Math.min(xs.length, ys.length);
  for (let i = 0; i < len; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    sx += x;
    sy += y;
  }
  if (n < 3) return { r: null, n };
  const mx = sx / n;
  const my = sy / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < len; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    cov += (x - mx) * (y - my);
    vx += (x - mx) ** 2;
    vy += (y - my) ** 2;
  }
  if (vx === 0 || vy === 0) return { r: null, n };
  return { r: cov / Math.sqrt(vx * vy), n };
}

export interface LaggedCorrelation {
  /** Hours by which posts trail viewers (positive: posts follow viewers). */
  lagHours: number;
  r: number;
  pairs: number;
}

/**
 * r at every lag: a positive lag k pairs viewers at hour t with posts at hour t + k. The best
 * lag is the one with the highest r (ties: the smallest |lag|); lags with fewer than
 * `minPairs` pairs are not considered.
 */
export function laggedCorrelation(
  viewers: ReadonlyArray<number | null>,
  posts: ReadonlyArray<number | null>,
  maxLag = 12,
  minPairs = 12,
): { atZero: { r: number | null; n: number }; byLag: LaggedCorrelation[]; best: LaggedCorrelation | null } {
  const byLag: LaggedCorrelation[] = [];
  for (let k = -maxLag; k <= maxLag; k++) {
    const xs: Array<number | null> = [];
    const ys: Array<number | null> = [];
    for (let t = 0; t < viewers.length; t++) {
      const u = t + k;
      if (u < 0 || u >= posts.length) continue;
      xs.push(viewers[t] ?? null);
      ys.push(posts[u] ?? null);
    }
    const { r, n } = pearson(xs, ys);
    if (r !== null && n >= minPairs) byLag.push({ lagHours: k, r, pairs: n });
  }
  let best: LaggedCorrelation | null = null;
  for (const c of byLag) {
    if (!best || c.r > best.r + 1e-12 || (Math.abs(c.r - best.r) <= 1e-12 && Math.abs(c.lagHours) < Math.abs(best.lagHours))) best = c;
  }
  return { atZero: pearson(viewers, posts), byLag, best };
}
