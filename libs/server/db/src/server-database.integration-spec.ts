import { createTestDatabase, type TestDatabase } from '@streamscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database/open-database';
import type { Database } from './database/types';
import { ENTITIES } from './entities';
import { migrate } from './migrate';
import { DimensionRepository } from './repositories/dimension.repository';
import { IngestionRunRepository } from './repositories/ingestion-run.repository';
import { MaintenanceRepository } from './repositories/maintenance.repository';
import { SweepRepository } from './repositories/sweep.repository';
import { TwitchChannelsRepository } from './repositories/twitch-channels.repository';
import { checkAtomicAndOnce, checkBroadcastFolding, checkSweepMemory, counts, sampleSweep } from './testing/storage-contract';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase('dbserver');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 3 });
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('server database (plain Postgres)', () => {
  it('detects the dialect and reports versions', async () => {
    expect(db.kind).toBe('server');
    expect(db.dialect).toBe('postgres');
    const info = await db.info();
    expect(info.dialect).toBe('postgres');
    expect(info.postgresVersion).toMatch(/^\d+/);
    expect(info.timescaleVersion).toBeNull();
    await db.ping();
  });

  it('migrates once; a second run applies nothing', async () => {
    const first = await migrate(db, { partitionsAheadDays: 2 });
    expect(first.applied).toEqual(['InitialSchema1732190000000', 'Rollups1732190000001', 'XPipeline1732190000010', 'TrackedGamesSchedules1732190000020', 'HotSweepUpdates1732190000030', 'SweepFolding1732190000040']);
    const second = await migrate(db, { partitionsAheadDays: 2 });
    expect(second.applied).toEqual([]);
    const tables = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN
        ('twitch_totals_daily', 'twitch_channels_hourly', 'x_posts', 'api_keys', 'ingestion_runs')`,
    );
    expect(tables[0]?.n).toBe(5);
  });

  it('entities describe exactly the migrated tables', async () => {
    for (const entity of ENTITIES) {
      const table = entity.options.tableName!;
      const cols = await db.query<{ column_name: string; is_nullable: string }>(
        `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`,
        [table],
      );
      const declared = Object.values(entity.options.columns) as Array<{ name: string; nullable: boolean }>;
      expect(declared.map((c) => [c.name, c.nullable ? 'YES' : 'NO']).sort(), table).toEqual(
        cols.map((c) => [c.column_name, c.is_nullable]),
      );
    }
  });

  it('writes a sweep all-or-nothing and never twice', async () => {
    await checkAtomicAndOnce(db, new Date('2024-05-01T10:00:00Z'));
  });

  it('keeps the rollup tables current on write, and a full refresh agrees', async () => {
    const read = () =>
      db.query<Record<string, unknown>>(
        `SELECT bucket, game_id::text AS g, sweeps, covered_seconds::text AS c, viewer_seconds::text AS v, peak_viewers::text AS p
           FROM twitch_games_hourly ORDER BY 1, 2`,
      );
    const incremental = await read();
    // sampleSweep: games 500 (100*? viewers) — stream 1 (200 viewers) and stream 2 (300) in 501/500.
    expect(incremental).toEqual([
      { bucket: new Date('2024-05-01T10:00:00Z'), g: '0', sweeps: 1, c: '300', v: String(100 * 300), p: '100' },
      { bucket: new Date('2024-05-01T10:00:00Z'), g: '500', sweeps: 1, c: '300', v: String(300 * 300), p: '300' },
      { bucket: new Date('2024-05-01T10:00:00Z'), g: '501', sweeps: 1, c: '300', v: String(200 * 300), p: '200' },
    ]);
    const m = new MaintenanceRepository(db);
    await m.refreshRollups(new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'));
    expect(await read()).toEqual(incremental);
  });

  it('dedupes repeated stream ids (first wins) and upserts broadcasts', async () => {
    const repo = new SweepRepository(db);
    const s = sampleSweep(new Date('2024-05-01T10:05:00Z'));
    s.streams.push({ ...s.streams[1]!, viewers: 99_999 });
    s.streams[1] = { ...s.streams[1]!, viewers: 1_000, title: 'new title', gameId: '777', gameName: 'Other' };
    const r = await repo.writeSweep(s);
    expect(r).toEqual({ written: true, rows: 3, duplicatesIgnored: 1 });
    const b = await db.query<{ title: string; peak: number; games: string[]; last: Date; tags: string[] }>(
      `SELECT title, peak_viewers AS peak, games::text[] AS games, last_seen_at AS last, tags FROM twitch_streams WHERE stream_id = $1`,
      [s.streams[1]!.streamId],
    );
    expect(b[0]).toEqual({ title: 'new title', peak: 1000, games: ['501', '777'], last: s.ts, tags: ['English', 'Tag1'] });
    const sweep = await repo.latestSweep();
    expect(sweep?.ts).toEqual(s.ts);
    expect(sweep?.duplicatesDropped).toBe(1);
    expect(await repo.countSweeps()).toBe(2);
    expect(await repo.sweepExists(s.ts)).toBe(true);
    expect(await repo.sweepExists(new Date('2020-01-01T00:00:00Z'))).toBe(false);
  });

  it('folds sweeps into the per-channel hourly rollup exactly as a recompute, and rankings read the same before the fold', async () => {
    const repo = new SweepRepository(db);
    const first = sampleSweep(new Date('2024-05-01T11:10:00Z'), 4);
    // Two broadcasts of one channel in one sweep, and a language that COPY has to escape.
    first.streams[3] = { ...first.streams[3]!, channelId: first.streams[2]!.channelId, language: 'x\t\\y\nz' };
    const second = { ...sampleSweep(new Date('2024-05-01T11:20:00Z'), 4), sampleSeconds: 600 };
    const m = new MaintenanceRepository(db);
    await m.foldSweeps();
    await repo.writeSweep(first);
    await repo.writeSweep(second);
    const read = () =>
      db.query<Record<string, unknown>>(
        `SELECT channel_id::text AS c, snapshots AS n, viewer_seconds::text AS v, peak_viewers AS p, streamed_seconds::text AS s
           FROM twitch_channels_hourly WHERE bucket = '2024-05-01T11:00:00Z' ORDER BY 1`,
      );
    const rank = () =>
      new TwitchChannelsRepository(db).topChannels({
        from: new Date('2024-05-01T11:00:00Z'), to: new Date('2024-05-01T12:00:00Z'), by: 'hoursWatched', limit: 10, offset: 0,
      });
    // Not folded yet: no rollup rows, and the ranking adds the two sweeps from their snapshots.
    expect(await read()).toEqual([]);
    const before = await rank();
    expect(before.source).toBe('hourly');
    expect(before.rows.find((r) => r.channelId === '10002')).toMatchObject({ viewerSeconds: 300 * 300 + 400 * 300 + 300 * 600, peakViewers: 400, streamedSeconds: 1200 });
    expect(await m.foldSweeps()).toMatchObject({ sweeps: 2 });
    const folded = await read();
    // Channel 10002: streams 2 (300 viewers) and 3 (400) at 300 s, then stream 2 at 600 s.
    expect(folded.find((r) => r.c === '10002')).toEqual({ c: '10002', n: 3, v: String(300 * 300 + 400 * 300 + 300 * 600), p: 400, s: '1200' });
    expect(folded.find((r) => r.c === '10003')).toEqual({ c: '10003', n: 1, v: String(400 * 600), p: 400, s: '600' });
    expect(await rank()).toEqual(before);
    await m.refreshRollups(new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'));
    expect(await read()).toEqual(folded);
    // A sweep written after the fold is added by readers, never counted twice by a refresh.
    const third = sampleSweep(new Date('2024-05-01T11:40:00Z'), 4);
    await repo.writeSweep(third);
    await m.refreshRollups(new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'));
    expect(await read()).toEqual(folded);
    const beforeFold = await rank();
    expect(beforeFold.rows.find((r) => r.channelId === '10003')?.viewerSeconds).toBe(400 * 600 + 400 * 300);
    await m.foldSweeps();
    expect(await rank()).toEqual(beforeFold);
    const lang = await db.query<{ language: string }>('SELECT language FROM twitch_stream_snapshots WHERE ts = $1 AND stream_id = $2', [
      first.ts.toISOString(),
      first.streams[3]!.streamId,
    ]);
    expect(lang[0]?.language).toBe('x\t\\y\nz');
  });

  it('a routine refresh leaves the per-channel table to the fold; an explicit one rebuilds it from folded sweeps', async () => {
    const m = new MaintenanceRepository(db);
    await m.foldSweeps();
    const hour = '2024-05-01T11:00:00Z';
    const row = () =>
      db.query<{ v: string }>(`SELECT viewer_seconds::text AS v FROM twitch_channels_hourly WHERE bucket = $1 AND channel_id = 10003`, [hour]);
    const right = (await row())[0]!.v;
    await db.query(`UPDATE twitch_channels_hourly SET viewer_seconds = 1 WHERE bucket = $1 AND channel_id = 10003`, [hour]);
    const day: [Date, Date] = [new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z')];
    expect((await m.refreshRollups(...day, { channelTable: false })).aggregates).toBe(8);
    expect((await row())[0]!.v).toBe('1');
    await m.refreshRollups(...day);
    expect((await row())[0]!.v).toBe(right);
  });

  it('rejects malformed ids before writing anything', async () => {
    const before = await counts(db);
    const s = sampleSweep(new Date('2024-05-01T10:07:00Z'));
    s.streams[2] = { ...s.streams[2]!, channelId: '1; DROP TABLE twitch_sweeps' };
    await expect(new SweepRepository(db).writeSweep(s)).rejects.toThrow(/channelId must be a numeric id/);
    expect(await counts(db)).toEqual(before);
  });

  it('writes 20,000 streams in one sweep with bulk statements', async () => {
    const s = sampleSweep(new Date('2024-05-01T10:10:00Z'), 20_000);
    const r = await new SweepRepository(db).writeSweep(s);
    expect(r.rows).toBe(20_000);
    const total = await db.query<{ v: string }>(`SELECT viewers::text AS v FROM twitch_sweep_totals WHERE ts = $1`, [s.ts.toISOString()]);
    expect(total[0]?.v).toBe(String(s.streams.reduce((a, x) => a + x.viewers, 0)));
  });

  it('creates daily partitions ahead, moving rows out of the default partition', async () => {
    const m = new MaintenanceRepository(db);
    await m.foldSweeps();
    const before = await counts(db);
    const made = await m.ensurePartitions(1, new Date('2024-05-01T12:00:00Z'));
    expect(made.created).toEqual([
      'twitch_stream_snapshots_p20240430',
      'twitch_stream_snapshots_p20240501',
      'twitch_stream_snapshots_p20240502',
    ]);
    expect((await m.ensurePartitions(1, new Date('2024-05-01T12:00:00Z'))).created).toEqual([]);
    const inPartition = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM twitch_stream_snapshots_p20240501');
    expect(inPartition[0]?.n).toBe(before.snapshots);
    expect(await counts(db)).toEqual(before);
    const dropped = await m.applyRetention(10, new Date('2024-05-12T12:00:00Z'));
    expect(dropped.droppedChunks).toBe(2);
    expect((await counts(db)).snapshots).toBe(0);
    // Rollups outlive raw retention, even through a refresh of that range.
    const channelRows = () => db.query('SELECT * FROM twitch_channels_hourly ORDER BY bucket, channel_id');
    const channelsBefore = await channelRows();
    expect(channelsBefore.length).toBeGreaterThan(0);
    await m.refreshRollups(new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'));
    expect((await counts(db)).totals_hourly).toBe(before.totals_hourly);
    expect(await channelRows()).toEqual(channelsBefore);
    expect(await m.compress(1)).toEqual({ compressedChunks: 0 });
  });

  it('writes a broadcast row only when it starts or changes; the fold settles last seen and peak', async () => {
    await checkBroadcastFolding(db, new Date('2024-05-03T10:00:00Z'));
  });

  it('stores the same with and without the memory of the last sweep, also after another writer', async () => {
    await checkSweepMemory(db, new Date('2024-05-04T10:00:00Z'));
  });

  it('refuses a bad URL quickly without revealing the password', async () => {
    const started = Date.now();
    const err = await openDatabase({ kind: 'server', url: 'postgres://app:pa55-secret-word@127.0.0.1:1/nowhere' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('127.0.0.1:1/nowhere');
    expect((err as Error).message).not.toContain('pa55-secret-word');
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});

describe('ingestion runs and dimensions', () => {
  it('records runs and finds the last success per job', async () => {
    const runs = new IngestionRunRepository(db);
    const a = await runs.start({ source: 'twitch', job: 'sweep-streams', jobId: 'j1' });
    await runs.finish(a, { status: 'succeeded', apiCalls: 12, pages: 12, rowsWritten: 1200, duplicatesDropped: 2, rateLimitRemaining: 780, costUnits: null, error: null });
    const b = await runs.start({ source: 'twitch', job: 'sweep-streams', jobId: 'j2' });
    await runs.finish(b, { status: 'failed', apiCalls: 1, error: 'HTTP 500 from upstream' });
    await runs.start({ source: 'x', job: 'x-counts' });
    const recent = await runs.recent({ limit: 10, job: 'sweep-streams' });
    expect(recent.map((r) => [r.jobId, r.status, r.error])).toEqual([
      ['j2', 'failed', 'HTTP 500 from upstream'],
      ['j1', 'succeeded', null],
    ]);
    expect((await runs.recent({ limit: 10 })).length).toBe(3);
    const last = await runs.lastSuccess('sweep-streams');
    expect(last).toMatchObject({ id: a, apiCalls: 12, rowsWritten: 1200, rateLimitRemaining: 780, duplicatesDropped: 2 });
    expect(last?.finishedAt).toBeInstanceOf(Date);
    expect(await runs.lastSuccess('x-counts')).toBeNull();
  });

  it('tracks missing metadata and writes top games idempotently', async () => {
    const dims = new DimensionRepository(db);
    const missing = await dims.gamesMissingMetadata(100);
    expect(missing.sort()).toEqual(['500', '501', '777']);
    expect(await dims.upsertGames([{ gameId: '500', name: 'Game 500', boxArtUrl: 'https://x/y.png', igdbId: '12' }])).toBe(1);
    expect((await dims.gamesMissingMetadata(100)).sort()).toEqual(['501', '777']);
    const staleChannels = await dims.channelsMissingMetadata(3, new Date('2024-01-01T00:00:00Z'));
    expect(staleChannels).toHaveLength(3);
    await dims.upsertChannels([{ channelId: staleChannels[0]!, login: 'renamed', displayName: 'Renamed', createdAt: new Date('2015-01-01T00:00:00Z') }]);
    expect(await dims.channelsMissingMetadata(3, new Date('2024-01-01T00:00:00Z'))).not.toContain(staleChannels[0]);
    // Fetched long ago counts as stale once staleBefore passes it.
    expect(await dims.channelsMissingMetadata(100_000, new Date(Date.now() + 60_000))).toContain(staleChannels[0]);
    const ts = new Date('2024-05-01T10:00:00Z');
    expect(await dims.writeTopGames(ts, ['501', '500', '777'])).toBe(3);
    expect(await dims.writeTopGames(ts, ['501', '500', '777'])).toBe(3);
    const rows = await db.query<{ rank: number; g: string }>('SELECT rank, game_id::text AS g FROM twitch_top_games ORDER BY rank');
    expect(rows).toEqual([
      { rank: 1, g: '501' },
      { rank: 2, g: '500' },
      { rank: 3, g: '777' },
    ]);
  });
});
