import { expect } from 'vitest';
import type { Database, Sql } from '../database/types';
import { SweepRepository, type SweepWrite } from '../repositories/sweep.repository';

/** Wraps a database so the transaction fails right after a given statement has run. */
export function failingAfter(db: Database, pattern: RegExp, delayMs = 0): Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      const after = async <R>(text: string, run: () => Promise<R>): Promise<R> => {
        const result = await run();
        if (pattern.test(text)) {
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          throw new Error('injected failure');
        }
        return result;
      };
      return <T>(fn: (tx: Sql) => Promise<T>) =>
        target.transaction((tx) =>
          fn({
            query: <R>(text: string, params?: unknown[]) => after(text, () => tx.query<R>(text, params)),
            // Kept when the engine has it, so the wrapped transaction takes the same path.
            ...(tx.copyFrom ? { copyFrom: (text: string, lines: readonly string[]) => after(text, () => tx.copyFrom!(text, lines)) } : {}),
          }),
        );
    },
  });
}

export function sampleSweep(ts: Date, n = 3): SweepWrite {
  return {
    ts,
    sampleSeconds: 300,
    status: 'complete',
    pages: 1,
    apiCalls: 1,
    duplicatesDropped: 0,
    startedAt: ts,
    finishedAt: new Date(ts.getTime() + 1000),
    streams: Array.from({ length: n }, (_, i) => ({
      streamId: String(40_000_000_000 + i),
      channelId: String(10_000 + i),
      channelLogin: `chan${i}`,
      channelName: `Chan ${i}`,
      gameId: i === 0 ? '' : String(500 + (i % 2)),
      gameName: i === 0 ? '' : `Game ${500 + (i % 2)}`,
      language: i % 2 ? 'en' : 'fr',
      viewers: 100 * (i + 1),
      title: `title ${i}`,
      tags: i === 0 ? [] : ['English', `Tag${i}`],
      startedAt: new Date(ts.getTime() - 60_000),
    })),
  };
}

export const COUNT_ALL_SQL = `SELECT
  (SELECT count(*)::int FROM twitch_sweeps) AS sweeps,
  (SELECT count(*)::int FROM twitch_stream_snapshots) AS snapshots,
  (SELECT count(*)::int FROM twitch_sweep_totals) AS totals,
  (SELECT count(*)::int FROM twitch_sweep_games) AS games,
  (SELECT count(*)::int FROM twitch_sweep_languages) AS languages,
  (SELECT count(*)::int FROM twitch_sweep_game_languages) AS game_languages,
  (SELECT count(*)::int FROM twitch_streams) AS streams,
  (SELECT count(*)::int FROM twitch_channels) AS channels,
  (SELECT count(*)::int FROM twitch_totals_hourly) AS totals_hourly`;

export async function counts(db: Sql): Promise<Record<string, number>> {
  const rows = await db.query<Record<string, number>>(COUNT_ALL_SQL);
  return rows[0]!;
}

/** Behaviour both dialects must share; each spec file calls it with its own database. */
export async function checkAtomicAndOnce(db: Database, ts: Date): Promise<void> {
  const before = await counts(db);
  // Snapshots go in by COPY on a server, by INSERT on the embedded engine.
  const broken = new SweepRepository(failingAfter(db, /(INSERT INTO|COPY) twitch_stream_snapshots/));
  await expect(broken.writeSweep(sampleSweep(ts))).rejects.toThrow('injected failure');
  expect(await counts(db)).toEqual(before);

  const repo = new SweepRepository(db);
  const first = await repo.writeSweep(sampleSweep(ts));
  expect(first).toEqual({ written: true, rows: 3, duplicatesIgnored: 0 });
  const after = await counts(db);
  expect(after.sweeps).toBe(before.sweeps! + 1);
  expect(after.snapshots).toBe(before.snapshots! + 3);
  const again = await repo.writeSweep(sampleSweep(ts, 5));
  expect(again).toEqual({ written: false, rows: 0, duplicatesIgnored: 0 });
  expect(await counts(db)).toEqual(after);
}
