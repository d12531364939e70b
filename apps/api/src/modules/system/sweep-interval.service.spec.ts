import { describe, expect, it } from 'vitest';
import { parseConfig } from '@streamscope/config';
import type { ScheduleOverride, ScheduleOverrideRepository } from '@streamscope/db';
import { SweepIntervalService } from './sweep-interval.service';

/** An in-memory override table that counts reads and can be made to fail. */
function overrides(initial: Record<string, number>) {
  const table = new Map(Object.entries(initial));
  const state = { reads: 0, failing: false };
  const repo = {
    async list(): Promise<ScheduleOverride[]> {
      state.reads++;
      if (state.failing) throw new Error('database down');
      return [...table].map(([scheduleId, everySeconds]) => ({ scheduleId, everySeconds, updatedAt: new Date(0) }));
    },
  } as unknown as ScheduleOverrideRepository;
  return { repo, table, state };
}

const config = parseConfig({ SWEEP_INTERVAL_SECONDS: '300' });

describe('SweepIntervalService', () => {
  it('is the stored override when valid, else the configured interval', async () => {
    expect(await new SweepIntervalService(config, overrides({}).repo).seconds()).toBe(300);
    expect(await new SweepIntervalService(config, overrides({ 'twitch-sweep-streams': 600 }).repo).seconds()).toBe(600);
    // Overrides of other schedules and out-of-bounds values do not apply (same rule as the worker).
    expect(await new SweepIntervalService(config, overrides({ 'twitch-top-games': 900 }).repo).seconds()).toBe(300);
    expect(await new SweepIntervalService(config, overrides({ 'twitch-sweep-streams': 10 }).repo).seconds()).toBe(300);
  });

  it('reads the database once per TTL, follows a change after it, and at once after invalidate', async () => {
    let now = 1_000;
    const o = overrides({});
    const s = new SweepIntervalService(config, o.repo, 5_000, () => now);
    expect(await s.seconds()).toBe(300);
    o.table.set('twitch-sweep-streams', 600);
    now += 4_999;
    expect(await s.seconds()).toBe(300);
    expect(o.state.reads).toBe(1);
    now += 1;
    expect(await s.seconds()).toBe(600);
    expect(o.state.reads).toBe(2);
    o.table.delete('twitch-sweep-streams');
    s.invalidate();
    expect(await s.seconds()).toBe(300);
    expect(o.state.reads).toBe(3);
  });

  it('does not remember a failed read', async () => {
    const o = overrides({ 'twitch-sweep-streams': 600 });
    const s = new SweepIntervalService(config, o.repo, 5_000, () => 0);
    o.state.failing = true;
    await expect(s.seconds()).rejects.toThrow('database down');
    o.state.failing = false;
    expect(await s.seconds()).toBe(600);
  });
});
