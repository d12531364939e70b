export type XEndpoint = 'search/recent' | 'counts/recent' | 'tweets';

/** Per-app (Bearer) limits per 15-minute window, contract §4 "Current published limits". */
export const X_RATE_LIMITS: Readonly<Record<XEndpoint, number>> = {
  'search/recent': 450,
  'counts/recent': 300,
  tweets: 3500,
};

export const X_WINDOW_MS = 15 * 60_000;

export interface XWindowState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the window ends. */
  reset: number;
}

/** Fixed windows that open on the first call (contract §12: observed resets fit this). */
export class XRateLimiter {
  private readonly windows = new Map<XEndpoint, { start: number; used: number }>();

  constructor(
    private readonly limits: Readonly<Record<XEndpoint, number>>,
    private readonly now: () => number,
  ) {}

  private current(endpoint: XEndpoint): { start: number; used: number } {
    const now = this.now();
    let w = this.windows.get(endpoint);
    if (!w || now >= w.start + X_WINDOW_MS) {
      w = { start: now, used: 0 };
      this.windows.set(endpoint, w);
    }
    return w;
  }

  drain(endpoint: XEndpoint): void {
    this.current(endpoint).used = this.limits[endpoint];
  }

  take(endpoint: XEndpoint): XWindowState {
    const w = this.current(endpoint);
    const limit = this.limits[endpoint];
    const allowed = w.used < limit;
    if (allowed) w.used += 1;
    return { allowed, limit, remaining: Math.max(0, limit - w.used), reset: Math.ceil((w.start + X_WINDOW_MS) / 1000) };
  }
}
