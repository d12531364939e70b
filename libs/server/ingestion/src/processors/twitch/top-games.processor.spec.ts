import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../context';
import { recordTopGames } from './top-games.processor';

/** A context that records the timestamp each run writes its ranking under. */
function fakeContext(configuredSeconds: number): { ctx: WorkerContext; stamps: Date[] } {
  const stamps: Date[] = [];
  const ctx = {
    config: { TOP_GAMES_INTERVAL_SECONDS: configuredSeconds },
    helix: { getTopGames: async () => ({ games: [{ id: '1', name: 'A', box_art_url: 'u' }], apiCalls: 1 }) },
    dimensions: {
      upsertGames: async () => undefined,
      writeTopGames: async (ts: Date, ids: string[]) => {
        stamps.push(ts);
        return ids.length;
      },
    },
  } as unknown as WorkerContext;
  return { ctx, stamps };
}

describe('recordTopGames', () => {
  it('aligns to the interval the scheduler fired with, so shorter overridden runs get their own timestamps', async () => {
    const { ctx, stamps } = fakeContext(3_600);
    const hour = Date.UTC(2026, 10, 21, 10);
    for (const minute of [0, 10, 20]) await recordTopGames(ctx, hour + minute * 60_000, 600);
    expect(stamps.map((d) => d.toISOString())).toEqual([
      '2026-11-21T10:00:00.000Z',
      '2026-11-21T10:10:00.000Z',
      '2026-11-21T10:20:00.000Z',
    ]);
  });

  it('falls back to the configured interval for one-off runs', async () => {
    const { ctx, stamps } = fakeContext(3_600);
    await recordTopGames(ctx, Date.UTC(2026, 10, 21, 10, 42), null);
    expect(stamps[0]?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });
});
