import type { AppConfig } from '@streamscope/config';
import type { ScheduleOverrideRepository } from '@streamscope/db';
import { effectiveEverySeconds, SWEEP_SCHEDULE_ID } from '@streamscope/ingestion';

/** What the services need: the sweep interval in effect now. */
export interface SweepIntervalSource {
  seconds(): Promise<number>;
}

/** Long enough to spare the database on busy dashboards, short enough that other API replicas follow an override at once. */
export const SWEEP_INTERVAL_CACHE_MS = 5_000;

/**
 * The sweep interval in effect: a stored override (setScheduleInterval) or SWEEP_INTERVAL_SECONDS,
 * read the same way the worker reads it. Cached briefly; this process drops the cache when it
 * changes an interval itself, other replicas pick the change up within SWEEP_INTERVAL_CACHE_MS.
 */
export class SweepIntervalService implements SweepIntervalSource {
  private cached: { value: Promise<number>; until: number } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly overrides: ScheduleOverrideRepository,
    private readonly ttlMs: number = SWEEP_INTERVAL_CACHE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  seconds(): Promise<number> {
    const now = this.clock();
    if (this.cached && now < this.cached.until) return this.cached.value;
    const value = effectiveEverySeconds(this.config, this.overrides, SWEEP_SCHEDULE_ID);
    const entry = { value, until: now + this.ttlMs };
    this.cached = entry;
    // A failed read is not remembered: the next request asks the database again.
    value.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return value;
  }

  invalidate(): void {
    this.cached = null;
  }
}
