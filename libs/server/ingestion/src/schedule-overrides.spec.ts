import { describe, expect, it } from 'vitest';
import { parseConfig } from '@streamscope/config';
import { applyScheduleOverrides, SCHEDULE_BOUNDS, scheduleBounds } from './schedule-overrides';
import { scheduleTable } from './schedulers';

describe('schedule overrides', () => {
  const table = scheduleTable(parseConfig({}));

  it('has bounds for every schedule in the table, each containing the default interval', () => {
    expect(Object.keys(SCHEDULE_BOUNDS).sort()).toEqual(table.map((e) => e.id).sort());
    for (const e of table) {
      const b = scheduleBounds(e.id);
      expect(b.min, e.id).toBeLessThanOrEqual(e.everySeconds);
      expect(b.max, e.id).toBeGreaterThanOrEqual(e.everySeconds);
    }
  });

  it('applies valid overrides and reports the ones it ignores', () => {
    const { schedules, ignored } = applyScheduleOverrides(table, [
      { scheduleId: 'twitch-sweep-streams', everySeconds: 120 },
      { scheduleId: 'x-counts', everySeconds: 60 },
      { scheduleId: 'gone', everySeconds: 300 },
    ]);
    const sweep = schedules.find((s) => s.id === 'twitch-sweep-streams')!;
    expect(sweep).toMatchObject({ everySeconds: 120, defaultEverySeconds: 300, overridden: true, job: 'twitch.sweep-streams' });
    expect(schedules.find((s) => s.id === 'x-counts')).toMatchObject({ everySeconds: 900, overridden: false });
    expect(schedules.filter((s) => s.overridden)).toHaveLength(1);
    expect(ignored).toEqual(['x-counts: 60 s is outside 300-86400 s', 'gone: no such schedule']);
  });
});
