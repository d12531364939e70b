import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HelixStream } from '@streamscope/connectors';
import { sweepTimestamp, toStreamObservation } from './streams.mapper';

const fixture = resolve(
  import.meta.dirname,
  '../../../../../../shared/fixtures/recorded/mauricew__ruby-twitch-api/decoded/spec__cassettes__Twitch_Client___get_streams__with_empty_kwargs__data_length__1_3_1_1_1.yml.decoded.json',
);

describe('toStreamObservation', () => {
  it('maps a recorded Helix stream', () => {
    const recorded = JSON.parse(readFileSync(fixture, 'utf8'));
    const body = findBody(recorded);
    const first = body.data[0] as unknown as HelixStream | undefined;
    if (!first) throw new Error('fixture has no streams');
    const row = toStreamObservation(first);
    expect(row.streamId).toBe(first.id);
    expect(row.channelId).toBe(first.user_id);
    expect(row.viewers).toBe(first.viewer_count);
    expect(row.startedAt.toISOString().slice(0, 19)).toBe(first.started_at.slice(0, 19));
    expect(row.tags).toEqual(first.tags ?? []);
    expect(row.gameId).toBe(first.game_id);
  });

  it('keeps streams without a category and language', () => {
    const row = toStreamObservation({
      id: '1', user_id: '2', user_login: 'a', user_name: 'A', game_id: '', game_name: '', type: 'live',
      title: '', viewer_count: 3, started_at: '2026-01-01T00:00:00Z', language: '', thumbnail_url: '', tags: [],
    } as never);
    expect(row.gameId).toBe('');
    expect(row.language).toBe('other');
  });
});

describe('sweepTimestamp', () => {
  it('floors the slot to the interval', () => {
    const t = Date.UTC(2026, 10, 21, 13, 7, 31);
    expect(sweepTimestamp(t, 300).toISOString()).toBe('2026-11-21T13:05:00.000Z');
    expect(sweepTimestamp(Date.UTC(2026, 10, 21, 13, 5), 300).toISOString()).toBe('2026-11-21T13:05:00.000Z');
  });
});

/** The decoded cassettes wrap responses; find the first object with a `data` array of streams. */
function findBody(node: unknown): { data: Array<Record<string, never>> } {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (typeof n === 'string' && n.startsWith('{')) {
      try { stack.push(JSON.parse(n)); } catch { /* not JSON */ }
    } else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (Array.isArray(o.data) && o.data.length && typeof (o.data[0] as Record<string, unknown>).viewer_count === 'number') return o as never;
      stack.push(...Object.values(o));
    }
  }
  throw new Error('no streams body in fixture');
}
