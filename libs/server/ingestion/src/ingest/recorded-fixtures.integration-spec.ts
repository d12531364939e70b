import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamsPageSchema, topGamesPageSchema, type HelixStream } from '@streamscope/connectors';
import { DimensionRepository, migrate, openDatabase, SweepRepository, type Database } from '@streamscope/db';
import { createTestDatabase, type TestDatabase } from '@streamscope/testing';
import { toStreamObservation } from './streams.mapper';

const DIR = resolve(import.meta.dirname, '../../../../../../shared/fixtures/recorded/mauricew__ruby-twitch-api/decoded');

interface Exchange { request: { uri: string }; response: { status: number; body: unknown } }

/** Every recorded 200 response of one Helix path, across all cassettes. */
function recorded(path: string): unknown[] {
  const bodies: unknown[] = [];
  for (const file of readdirSync(DIR)) {
    const exchanges = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Exchange[];
    for (const e of exchanges) {
      if (e.response.status === 200 && new URL(e.request.uri).pathname === path) bodies.push(e.response.body);
    }
  }
  return bodies;
}

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase('fixtures');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 2 });
  await migrate(db);
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('recorded Helix responses', () => {
  it('store every recorded live stream, exactly as recorded', async () => {
    const pages = recorded('/helix/streams').map((b) => streamsPageSchema.parse(b));
    expect(pages.length).toBeGreaterThan(0);
    const byId = new Map<string, HelixStream>();
    for (const p of pages) for (const s of p.data) if (!byId.has(s.id)) byId.set(s.id, s);
    const streams = [...byId.values()];
    const ts = new Date('2021-02-04T04:05:00Z');
    const result = await new SweepRepository(db).writeSweep({
      ts, sampleSeconds: 300, status: 'complete', pages: pages.length, apiCalls: pages.length, duplicatesDropped: 0,
      startedAt: ts, finishedAt: ts, streams: streams.map(toStreamObservation),
    });
    expect(result.written).toBe(true);

    const rows = await db.query<{ stream_id: string; channel_id: string; game_id: string; viewers: number; language: string }>(
      'select stream_id::text, channel_id::text, game_id::text, viewers, language from twitch_stream_snapshots',
    );
    expect(rows).toHaveLength(streams.length);
    for (const r of rows) {
      const s = byId.get(r.stream_id)!;
      expect(r.channel_id).toBe(s.user_id);
      expect(r.game_id).toBe(s.game_id === '' ? '0' : s.game_id);
      expect(r.viewers).toBe(s.viewer_count);
      expect(r.language).toBe(s.language);
    }
    const total = await db.query<{ viewers: string }>('select viewers::text from twitch_sweep_totals where ts = $1', [ts]);
    expect(Number(total[0]?.viewers)).toBe(streams.reduce((a, s) => a + s.viewer_count, 0));
    const names = await db.query<{ game_id: string; name: string }>('select game_id::text, name from twitch_games');
    for (const s of streams.filter((x) => x.game_id)) expect(names.find((n) => n.game_id === s.game_id)?.name).toBe(s.game_name);
    const titles = await db.query<{ title: string }>('select title from twitch_streams where stream_id = $1::bigint', [streams[0]!.id]);
    expect(titles[0]?.title).toBe(streams[0]!.title);
  });

  it('store the recorded top-games ranking in order', async () => {
    const page = topGamesPageSchema.parse(recorded('/helix/games/top')[0]);
    const ts = new Date('2022-11-15T17:00:00Z');
    const dims = new DimensionRepository(db);
    await dims.upsertGames(page.data.map((g) => ({ gameId: g.id, name: g.name, boxArtUrl: g.box_art_url, igdbId: g.igdb_id ?? null })));
    await dims.writeTopGames(ts, page.data.map((g) => g.id));
    const rows = await db.query<{ rank: number; game_id: string }>('select rank, game_id::text from twitch_top_games where ts = $1 order by rank', [ts]);
    expect(rows.map((r) => r.game_id)).toEqual(page.data.map((g) => g.id));
    expect(rows[0]?.rank).toBe(1);
  });
});
