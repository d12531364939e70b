export interface BucketState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the bucket is full again. */
  reset: number;
}

/** Helix token bucket per client id: capacity = refill per minute, refilled continuously. */
export class RateLimiter {
  private readonly buckets = new Map<string, { points: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  drain(clientId: string): void {
    this.buckets.set(clientId, { points: 0, at: this.now() });
  }

  take(clientId: string): BucketState {
    const now = this.now();
    const msPerPoint = 60_000 / this.perMinute;
    const b = this.buckets.get(clientId) ?? { points: this.perMinute, at: now };
    b.points = Math.min(this.perMinute, b.points + Math.max(0, now - b.at) / msPerPoint);
    b.at = now;
    const allowed = b.points >= 1;
    if (allowed) b.points -= 1;
    this.buckets.set(clientId, b);
    return {
      allowed,
      limit: this.perMinute,
      remaining: Math.floor(b.points),
      reset: Math.ceil((now + (this.perMinute - b.points) * msPerPoint) / 1000),
    };
  }
}
