import { describe, expect, it } from 'vitest';
import { InvalidJobError, JOB_QUEUE, parseJob } from './contract';

describe('parseJob', () => {
  it('accepts a valid payload', () => {
    expect(parseJob('twitch.sweep-streams', { trigger: 'schedule' })).toEqual({
      name: 'twitch.sweep-streams',
      data: { trigger: 'schedule' },
    });
  });

  it('rejects unknown job names', () => {
    expect(() => parseJob('drop-everything', {})).toThrow(/unknown job name/);
  });

  it('names each bad field', () => {
    try {
      parseJob('twitch.backfill', { trigger: 'schedule', days: 1000, spacingSeconds: 'x' });
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidJobError);
      const problems = (err as InvalidJobError).problems.join('\n');
      expect(problems).toMatch(/^days: /m);
      expect(problems).toMatch(/^spacingSeconds: /m);
    }
  });

  it('rejects extra keys, so forged payloads carry nothing through', () => {
    expect(() => parseJob('maintenance.run', { trigger: 'manual', sql: 'drop table x' })).toThrow(InvalidJobError);
  });

  it('rejects a malformed timestamp', () => {
    expect(() => parseJob('twitch.sweep-streams', { trigger: 'backfill', at: 'yesterday' })).toThrow(/at:/);
  });

  it('runs the X jobs on their own queue with strict payloads', () => {
    for (const name of ['x.counts', 'x.search', 'x.metrics', 'x.auto-track'] as const) {
      expect(JOB_QUEUE[name]).toBe('x');
      expect(parseJob(name, { trigger: 'schedule' })).toEqual({ name, data: { trigger: 'schedule' } });
      expect(() => parseJob(name, { trigger: 'schedule', query: 'x' })).toThrow(InvalidJobError);
    }
  });
});
