import { describe, expect, it } from 'vitest';
import { slotOf } from './dispatch';

describe('slotOf', () => {
  it('reads the scheduled slot from a scheduler job id, not its creation time', () => {
    expect(slotOf({ id: 'repeat:twitch-sweep-streams:1795271061139', timestamp: 1795271059154 })).toBe(1795271061139);
  });
  it('uses the enqueue time of a one-off job', () => {
    expect(slotOf({ id: 'startup-sweep-123', timestamp: 42 })).toBe(42);
    expect(slotOf({ id: '17', timestamp: 43 })).toBe(43);
  });
});
