import { expect } from 'vitest';
import type { Database, Sql } from '../database/types';
import { MaintenanceRepository } from '../repositories/maintenance.repository';
import { SweepRepository, type SweepWrite } from '../repositories/sweep.repository';
import { TwitchEntitiesRepository } from '../repositories/twitch-entities.repository';

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

/**
 * Broadcast rows are written when a broadcast starts or changes, not every sweep; their last seen
 * time and peak come with the fold, and sessions read the same before and after it. Uses its own
 * stream and channel ids, at `base` and the two sweeps after it.
 */
export async function checkBroadcastFolding(db: Database, base: Date): Promise<void> {
  const at = (min: number) => new Date(base.getTime() + min * 60_000);
  const sweep = (min: number, viewers: [number, number], titleB: string): SweepWrite => {
    const s = sampleSweep(at(min), 2);
    s.streams = s.streams.map((o, i) => ({
      ...o,
      streamId: String(41_000_000_000 + i),
      channelId: String(20_000 + i),
      channelLogin: `fold${i}`,
      viewers: viewers[i]!,
      title: i === 1 ? titleB : o.title,
      startedAt: at(-1),
    }));
    return s;
  };
  const repo = new SweepRepository(db);
  const sessions = new TwitchEntitiesRepository(db);
  const row = (streamId: string) =>
    db
      .query<{ v: string; title: string; last: Date; peak: number }>(
        'SELECT xmin::text AS v, title, last_seen_at AS last, peak_viewers AS peak FROM twitch_streams WHERE stream_id = $1::bigint',
        [streamId],
      )
      .then((r) => r[0]!);
  const read = () => sessions.sessions({ channelId: '20000', from: at(-60), to: at(60), limit: 10 });

  await repo.writeSweep(sweep(0, [100, 10], 'first'));
  const a0 = await row('41000000000');
  await repo.writeSweep(sweep(5, [700, 10], 'first'));
  await repo.writeSweep(sweep(10, [300, 10], 'renamed'));
  // Stream A never changed: its row was written once. Stream B's new title was written at once.
  const a1 = await row('41000000000');
  expect(a1).toEqual(a0);
  expect(a1.last).toEqual(at(0));
  expect((await row('41000000001')).title).toBe('renamed');
  const expected = [{ streamId: '41000000000', startedAt: at(-1), endedAt: at(15), title: 'title 0', averageViewers: 1100 / 3, peakViewers: 700, snapshots: 3, gamesPlayed: [] }];
  expect(await read()).toEqual(expected);

  const folded = await new MaintenanceRepository(db).foldSweeps();
  expect(folded.sweeps).toBeGreaterThanOrEqual(3);
  expect(await row('41000000000')).toMatchObject({ last: at(10), peak: 700 });
  expect(await read()).toEqual(expected);
  expect(await new MaintenanceRepository(db).foldSweeps()).toEqual({ sweeps: 0, broadcasts: 0 });

  // A late sweep (older than the newest stored) adds its snapshot but never puts back an old title.
  await repo.writeSweep({ ...sweep(7, [800, 10], 'first'), sampleSeconds: 60 });
  expect((await row('41000000001')).title).toBe('renamed');
  expect((await read())[0]).toMatchObject({ peakViewers: 800, snapshots: 4, endedAt: at(15) });
  await new MaintenanceRepository(db).foldSweeps();
  expect(await row('41000000000')).toMatchObject({ last: at(10), peak: 800 });
}

/**
 * A repository that remembers its last sweep stores exactly what one without that memory stores,
 * also when another writer stored a sweep in between (its memory is then not used). Sweeps at
 * `base` and the 3 after it, own stream and channel ids.
 */
export async function checkSweepMemory(db: Database, base: Date): Promise<void> {
  const at = (min: number) => new Date(base.getTime() + min * 60_000);
  const sweep = (min: number, edit: (o: SweepWrite['streams'][number], i: number) => Partial<SweepWrite['streams'][number]>): SweepWrite => {
    const s = sampleSweep(at(min), 4);
    s.streams = s.streams.map((o, i) => ({ ...o, streamId: String(42_000_000_000 + i), channelId: String(30_000 + i), startedAt: at(-1), ...edit(o, i) }));
    return s;
  };
  const state = () =>
    db.query<Record<string, unknown>>(
      `SELECT s.stream_id::text AS id, s.title, s.tags, s.language, s.games::text[] AS games, c.login, c.display_name AS name
         FROM twitch_streams s JOIN twitch_channels c ON c.channel_id = s.channel_id
        WHERE s.stream_id BETWEEN 42000000000 AND 42000000099 ORDER BY 1`,
    );
  const remembering = new SweepRepository(db);
  await remembering.writeSweep(sweep(0, () => ({})));
  // Another writer (a fresh repository: another worker) renames stream 1 and its channel.
  await new SweepRepository(db).writeSweep(sweep(5, (_, i) => (i === 1 ? { title: 'by other', channelName: 'Other name' } : {})));
  // Back to the first title: the remembering repository must not trust what it wrote at 0.
  await remembering.writeSweep(sweep(10, (_, i) => (i === 2 ? { gameId: '777', tags: ['New'] } : {})));
  const afterOther = await state();
  expect(afterOther.find((r) => r.id === '42000000001')).toMatchObject({ title: 'title 1', name: 'Chan 1' });
  expect(afterOther.find((r) => r.id === '42000000002')).toMatchObject({ games: ['500', '777'], tags: ['New'] });
  // Now it may use its memory: a language change, a new display name and an unchanged rest.
  await remembering.writeSweep(sweep(15, (_, i) => (i === 3 ? { language: 'de', channelName: 'Renamed' } : {})));
  const final = await state();
  expect(final.find((r) => r.id === '42000000003')).toMatchObject({ language: 'de', name: 'Renamed' });
  expect(final.find((r) => r.id === '42000000002')).toMatchObject({ games: ['500', '777'], tags: ['English', 'Tag2'] });
  expect(final.filter((r) => r.id !== '42000000003' && r.id !== '42000000002')).toEqual(afterOther.filter((r) => r.id !== '42000000003' && r.id !== '42000000002'));
}
