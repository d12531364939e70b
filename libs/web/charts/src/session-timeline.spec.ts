import { describe, expect, it } from 'vitest';
import { buildSessionTimeline, sessionsCsv, type SessionInput } from './session-timeline';

const base = { title: 'Ranked grind', averageViewers: 120.5, peakViewers: 200, gamesPlayed: ['Valorant'] };
const sessions: SessionInput[] = [
  { ...base, streamId: 'b', start: '2026-03-02T18:00:00.000Z', end: '2026-03-02T21:30:00.000Z' },
  { ...base, streamId: 'a', start: '2026-03-01T22:15:00.000Z', end: '2026-03-02T01:15:00.000Z', averageViewers: null, peakViewers: null },
];

describe('buildSessionTimeline', () => {
  it('orders sessions oldest first with wall-clock starts and ms durations in the zone', () => {
    const bars = buildSessionTimeline(sessions, 'Asia/Tokyo');
    // Tokyo is UTC+9: 22:15Z → 07:15 next day; 18:00Z → 03:00 next day.
    expect(bars.base).toEqual(['2026-03-02 07:15:00', '2026-03-03 03:00:00']);
    expect(bars.durationMs).toEqual([3 * 3600e3, 3.5 * 3600e3]);
    expect(bars.rows).toEqual(['03-02 07:15', '03-03 03:00']);
    expect(bars.averageViewers).toEqual([null, 120.5]);
  });

  it('gives sessions starting in the same minute their own rows', () => {
    const twins = [sessions[0]!, { ...sessions[0]!, streamId: 'c' }];
    expect(buildSessionTimeline(twins, 'UTC').rows).toEqual(['03-02 18:00', '03-02 18:00 (2)']);
  });

  it('refuses a session that ends before it starts', () => {
    expect(() => buildSessionTimeline([{ ...sessions[0]!, end: '2026-03-02T17:00:00.000Z' }], 'UTC')).toThrow(/ends before/);
  });

  it('writes per-session figures to CSV', () => {
    const lines = sessionsCsv(sessions).trim().split('\r\n');
    expect(lines[1]).toBe(`a,2026-03-01T22:15:00.000Z,2026-03-02T01:15:00.000Z,${3 * 3600},,,Valorant,Ranked grind`);
    expect(lines[2]).toBe(`b,2026-03-02T18:00:00.000Z,2026-03-02T21:30:00.000Z,${3.5 * 3600},120.5,200,Valorant,Ranked grind`);
  });
});
