import { describe, expect, it } from 'vitest';
import { SweepCache } from './sweep-cache';
import type { StreamObservation } from './sweep.repository';

const obs = (i: number, over: Partial<StreamObservation> = {}): StreamObservation => ({
  streamId: String(900 + i),
  channelId: String(100 + i),
  channelLogin: `c${i}`,
  channelName: `C${i}`,
  gameId: '5',
  gameName: 'Five',
  language: 'en',
  viewers: 10,
  title: `t${i}`,
  tags: ['a', 'b'],
  startedAt: new Date('2024-01-01T00:00:00Z'),
  ...over,
});

/** What a sweep of `rows` would check, after remembering `before` at ts 'T1'. */
function changedAfter(before: StreamObservation[], rows: StreamObservation[]) {
  const cache = new SweepCache();
  const gameIds = (r: StreamObservation[]) => r.map((o) => o.gameId || '0');
  cache.remember('T1', before, gameIds(before), cache.entries(before));
  return cache.changed(rows, gameIds(rows)).changed;
}

describe('SweepCache', () => {
  it('is valid only right after the sweep it was filled from', () => {
    const cache = new SweepCache();
    expect(cache.validAfter(null)).toBe(false);
    cache.remember('T1', [], [], []);
    expect(cache.validAfter('T1')).toBe(true);
    expect(cache.validAfter('T0')).toBe(false);
    expect(cache.validAfter(null)).toBe(false);
  });

  it('lists nothing for an unchanged sweep, even with new string and array instances', () => {
    const before = [obs(1), obs(2, { gameId: '' })];
    const again = before.map((o) => ({ ...o, title: `${o.title}`, tags: [...o.tags], viewers: 99 }));
    expect(changedAfter(before, again)).toEqual({ rows: [], channels: [] });
  });

  it('lists a broadcast whose title, tags, language or game is new, and a new broadcast', () => {
    const before = [obs(0), obs(1), obs(2), obs(3), obs(4)];
    const now = [
      obs(0, { title: 'renamed' }),
      obs(1, { tags: ['a'] }),
      obs(2, { language: 'de' }),
      obs(3, { gameId: '6' }),
      obs(4),
      obs(5),
    ];
    expect(changedAfter(before, now).rows).toEqual([0, 1, 2, 3, 5]);
  });

  it('remembers every game a broadcast showed: switching back is not a change', () => {
    const cache = new SweepCache();
    const one = (gameId: string) => [obs(1, { gameId })];
    const step = (ts: string, rows: StreamObservation[]) => {
      const { entries, changed } = cache.changed(rows, [rows[0]!.gameId]);
      cache.remember(ts, rows, [rows[0]!.gameId], entries);
      return changed.rows;
    };
    expect(step('T1', one('5'))).toEqual([0]);
    expect(step('T2', one('6'))).toEqual([0]);
    expect(step('T3', one('5'))).toEqual([]);
  });

  it('lists a channel whose login or display name changed, once even with two broadcasts', () => {
    const before = [obs(1), obs(2)];
    const now = [obs(1, { channelName: 'New name' }), obs(2), obs(3, { channelId: '101', channelName: 'New name' })];
    const changed = changedAfter(before, now);
    expect(changed.channels.map((o) => [o.channelId, o.channelName])).toEqual([['101', 'New name']]);
  });

  it('keeps an entry of a broadcast missing from the last sweep for its attributes, not its channel names, and prunes', () => {
    const cache = new SweepCache();
    const step = (ts: string, r: StreamObservation[]) => {
      const { entries, changed } = cache.changed(r, r.map((o) => o.gameId));
      cache.remember(ts, r, r.map((o) => o.gameId), entries);
      return changed;
    };
    const rest = [obs(2), obs(3), obs(4), obs(5), obs(6)];
    step('T1', [obs(1), ...rest]);
    step('T2', rest);
    const back = step('T3', [obs(1), ...rest]);
    expect(back.rows).toEqual([]);
    expect(back.channels.map((o) => o.streamId)).toEqual(['901']);
    // Ended broadcasts go once they are more than a fifth of what the last sweep had.
    for (let i = 0; i < 12; i++) step(`U${i}`, [obs(10 + i), obs(2), obs(3), obs(4), obs(5)]);
    expect(cache.size).toBeLessThanOrEqual(6);
  });

  it('finds the same a slice at a time as in one pass', async () => {
    const before = Array.from({ length: 9 }, (_, i) => obs(i));
    const now = before.map((o, i) => (i % 3 === 0 ? { ...o, title: `new ${i}` } : i === 4 ? { ...o, channelName: 'N' } : o));
    const cache = new SweepCache();
    cache.remember('T1', before, before.map((o) => o.gameId), cache.entries(before));
    const ids = now.map((o) => o.gameId);
    const sliced = await cache.changedInSlices(now, ids, 2);
    expect(sliced).toEqual(cache.changed(now, ids));
    expect(sliced.changed.rows).toEqual([0, 3, 6]);
    expect(sliced.changed.channels.map((o) => o.streamId)).toEqual(['904']);
  });
});
