import { describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { scheduledEverySeconds, slotOf } from './dispatch';

describe('slotOf', () => {
  it('reads the scheduled slot from a scheduler job id, not its creation time', () => {
    expect(slotOf({ id: 'repeat:twitch-sweep-streams:1795271061139', timestamp: 1795271059154 })).toBe(1795271061139);
  });
  it('uses the enqueue time of a one-off job', () => {
    expect(slotOf({ id: 'startup-sweep-123', timestamp: 42 })).toBe(42);
    expect(slotOf({ id: '17', timestamp: 43 })).toBe(43);
  });
});

describe('scheduledEverySeconds', () => {
  const job = (repeatJobKey: string | undefined, every: number | undefined) =>
    ({ repeatJobKey, opts: every === undefined ? {} : { repeat: { every } } }) as unknown as Pick<Job, 'repeatJobKey' | 'opts'>;
  it('is the interval a scheduler job was fired with, in seconds', () => {
    expect(scheduledEverySeconds(job('twitch-sweep-streams', 600_000))).toBe(600);
  });
  it('is null for one-off jobs and for intervals that are not whole seconds', () => {
    expect(scheduledEverySeconds(job(undefined, 600_000))).toBeNull();
    expect(scheduledEverySeconds(job('twitch-sweep-streams', undefined))).toBeNull();
    expect(scheduledEverySeconds(job('twitch-sweep-streams', 1_500))).toBeNull();
    expect(scheduledEverySeconds(job('twitch-sweep-streams', 0))).toBeNull();
  });
});
