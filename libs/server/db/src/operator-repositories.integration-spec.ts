import { createTestDatabase, type TestDatabase } from '@streamscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database/open-database';
import type { Database } from './database/types';
import { migrate } from './migrate';
import { ScheduleOverrideRepository } from './repositories/schedule-override.repository';
import { TrackedGameRepository } from './repositories/tracked-game.repository';
import { XQueryRepository } from './repositories/x-query.repository';

let testDb: TestDatabase;
const dbs: Array<[string, Database]> = [];

beforeAll(async () => {
  testDb = await createTestDatabase('operator');
  const server = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 2 });
  const embedded = await openDatabase({ kind: 'embedded', dir: 'memory://' });
  for (const db of [server, embedded]) await migrate(db);
  dbs.push(['postgres', server], ['timescaledb (PGlite)', embedded]);
}, 60_000);

afterAll(async () => {
  for (const [, db] of dbs) await db.close();
  await testDb?.drop();
});

describe.each(['postgres', 'timescaledb (PGlite)'])('operator tables on %s', (dialect) => {
  const db = () => dbs.find(([d]) => d === dialect)![1];

  it('tracks, pauses, resumes and removes a game with its name and linked X query', async () => {
    await db().query(`INSERT INTO twitch_games (game_id, name, box_art_url) VALUES (509658, 'Just Chatting', 'art'), (21779, 'LoL', NULL)`);
    const games = new TrackedGameRepository(db());
    const t0 = new Date('2026-11-20T10:00:00Z');
    expect(await games.insert('509658', t0)).toMatchObject({ gameId: '509658', name: 'Just Chatting', boxArtUrl: 'art', state: 'active', addedAt: t0, xQueryId: null });
    expect(await games.insert('509658', t0)).toBeNull();
    expect(await games.isKnownGame('509658')).toBe(true);
    expect(await games.isKnownGame('42')).toBe(false);
    const q = (await new XQueryRepository(db()).insert({ name: 'JC', query: '"Just Chatting"', gameId: '509658', origin: 'auto' }))!;
    await games.insert('21779', new Date('2026-11-20T11:00:00Z'));
    expect((await games.list()).map((g) => [g.gameId, g.xQueryId, g.xQueryState])).toEqual([
      ['509658', q.queryId, 'active'],
      ['21779', null, null],
    ]);
    const t1 = new Date('2026-11-20T12:00:00Z');
    expect(await games.setState('509658', 'paused', t1)).toMatchObject({ state: 'paused', pausedAt: t1 });
    expect(await games.setState('509658', 'paused', new Date('2026-11-20T13:00:00Z'))).toMatchObject({ pausedAt: t1 });
    expect(await games.activeIds()).toEqual(['21779']);
    expect(await games.activeWithNames()).toEqual([{ gameId: '21779', name: 'LoL' }]);
    expect(await games.setState('509658', 'active', t1)).toMatchObject({ state: 'active', pausedAt: null });
    expect(await new XQueryRepository(db()).pauseAutoQueryOfGame('509658', t1)).toMatchObject({ queryId: q.queryId, state: 'paused' });
    expect(await new XQueryRepository(db()).pauseAutoQueryOfGame('509658', t1)).toBeNull();
    expect(await games.remove('509658')).toMatchObject({ gameId: '509658', xQueryState: 'paused' });
    expect(await games.remove('509658')).toBeNull();
    expect(await games.count()).toBe(1);
  });

  it('stores, replaces and drops schedule overrides', async () => {
    const repo = new ScheduleOverrideRepository(db());
    await repo.set('x-search', 600, new Date('2026-11-20T10:00:00Z'));
    await repo.set('x-search', 1200, new Date('2026-11-20T11:00:00Z'));
    await repo.set('maintenance', 900, new Date('2026-11-20T11:00:00Z'));
    expect(await repo.list()).toEqual([
      { scheduleId: 'maintenance', everySeconds: 900, updatedAt: new Date('2026-11-20T11:00:00Z') },
      { scheduleId: 'x-search', everySeconds: 1200, updatedAt: new Date('2026-11-20T11:00:00Z') },
    ]);
    expect(await repo.reset('x-search')).toBe(true);
    expect(await repo.reset('x-search')).toBe(false);
    expect((await repo.list()).map((o) => o.scheduleId)).toEqual(['maintenance']);
  });
});
