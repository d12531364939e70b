import { createTestDatabase, type TestDatabase } from '@streamscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '@streamscope/shared';
import { openDatabase } from './database/open-database';
import type { Database } from './database/types';
import { migrate } from './migrate';
import { AnalyticsRepository } from './repositories/analytics.repository';
import { MaintenanceRepository } from './repositories/maintenance.repository';
import { SweepRepository } from './repositories/sweep.repository';
import { expectedSeries, expectedTopGames, fixedBuckets, zoneDay, type BucketOf } from './testing/expected';
import { buildFixture, FIXTURE_DAYS, FIXTURE_GAMES, FIXTURE_START, toSweepWrite } from './testing/sweep-fixture';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const fixture = buildFixture();
const END = FIXTURE_START + FIXTURE_DAYS * DAY;
const GAMES = ['1001', '1002', '1003', '0', '999'];

let testDb: TestDatabase;
const dbs: Record<'postgres' | 'timescaledb', Database> = {} as never;

async function load(db: Database): Promise<void> {
  await migrate(db);
  const sweeps = new SweepRepository(db);
  for (const s of fixture) {
    const r = await sweeps.writeSweep(toSweepWrite(s));
    if (!r.written) throw new Error('fixture sweep not written');
  }
  await new MaintenanceRepository(db).refreshRollups(new Date(FIXTURE_START), new Date(END));
}

beforeAll(async () => {
  testDb = await createTestDatabase('analytics');
  // Sequential: starting the WASM engine blocks the event loop long enough to trip pg's
  // connect timeout if both open at once.
  const lite = await openDatabase({ kind: 'embedded', dir: 'memory://' });
  const pg = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  dbs.postgres = pg;
  dbs.timescaledb = lite;
  await load(lite);
  await load(pg);
}, 120_000);

afterAll(async () => {
  await dbs.postgres?.close();
  await dbs.timescaledb?.close();
  await testDb?.drop();
});

interface Case {
  name: string;
  bucket: Bucket;
  timeZone: string;
  from: number;
  to: number;
  level: 'raw' | 'hourly' | 'daily';
  bucketOf: BucketOf;
}

const CASES: Case[] = [
  { name: '5m UTC', bucket: '5m', timeZone: 'UTC', from: FIXTURE_START, to: END, level: 'raw', bucketOf: fixedBuckets(300) },
  { name: '1h UTC', bucket: '1h', timeZone: 'UTC', from: FIXTURE_START, to: END, level: 'hourly', bucketOf: fixedBuckets(3600) },
  {
    name: '1h UTC, range off the hour',
    bucket: '1h',
    timeZone: 'UTC',
    from: FIXTURE_START + 7 * 60_000,
    to: END - 13 * 60_000,
    level: 'raw',
    bucketOf: fixedBuckets(3600),
  },
  {
    name: '6h New York',
    bucket: '6h',
    timeZone: 'America/New_York',
    from: FIXTURE_START,
    to: END,
    level: 'hourly',
    // Local midnight 2000-01-03 in New York is 05:00Z: 6h buckets start at 05, 11, 17, 23 UTC.
    bucketOf: (ts) => fixedBuckets(21_600)(ts - 5 * HOUR) + 5 * HOUR,
  },
  { name: '1d UTC', bucket: '1d', timeZone: 'UTC', from: FIXTURE_START, to: END, level: 'daily', bucketOf: fixedBuckets(86_400) },
  {
    name: '1d New York (DST change inside)',
    bucket: '1d',
    timeZone: 'America/New_York',
    from: FIXTURE_START,
    to: END,
    level: 'hourly',
    bucketOf: zoneDay('America/New_York'),
  },
  {
    name: '1d Kolkata (half-hour offset)',
    bucket: '1d',
    timeZone: 'Asia/Kolkata',
    from: FIXTURE_START,
    to: END,
    level: 'raw',
    bucketOf: zoneDay('Asia/Kolkata'),
  },
  {
    name: '1w UTC (weeks start Monday)',
    bucket: '1w',
    timeZone: 'UTC',
    from: FIXTURE_START,
    to: END,
    level: 'daily',
    bucketOf: (ts) => {
      const day = Math.floor(ts / DAY) * DAY;
      const dow = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
      return day - dow * DAY;
    },
  },
];

describe.each(['postgres', 'timescaledb'] as const)('analytics on %s', (dialect) => {
  const repo = () => new AnalyticsRepository(dbs[dialect]);

  it('runs on the dialect it claims', () => {
    expect(dbs[dialect].dialect).toBe(dialect);
  });

  it.each(CASES)('gameSeries and platformSeries match the fixture: $name', async (c) => {
    const exp = expectedSeries(fixture, c.from, c.to, c.bucketOf, GAMES);
    const range = { from: new Date(c.from), to: new Date(c.to), bucket: c.bucket, timeZone: c.timeZone };
    const games = await repo().gameSeries({ ...range, gameIds: GAMES });
    expect(games.level).toBe(c.level);
    expect(games.coverage).toEqual(exp.coverage);
    expect(games.rows).toEqual(exp.gameRows);
    const platform = await repo().platformSeries(range);
    expect(platform.level).toBe(c.level);
    expect(platform.coverage).toEqual(exp.coverage);
    expect(platform.rows).toEqual(exp.platformRows);
    // The fixture has gaps: some buckets of the finer sizes must be missing, never zero-filled.
    if (c.bucket === '5m' || c.bucket === '1h') {
      const span = (c.to - c.from) / (c.bucket === '5m' ? 300_000 : HOUR);
      expect(platform.coverage.length).toBeLessThan(span);
    }
  });

  it('a game absent from some sweeps still counts those sweeps in the covered time', async () => {
    const r = await repo().gameSeries({ from: new Date(FIXTURE_START), to: new Date(END), bucket: '1d', timeZone: 'UTC', gameIds: ['1003'] });
    const onlyWhenLive = fixture.filter((s) => s.streams.some((x) => x.gameId === '1003')).length;
    expect(onlyWhenLive).toBeLessThan(fixture.length);
    expect(r.coverage.reduce((a, c) => a + c.sweeps, 0)).toBe(fixture.length);
  });

  it.each([
    ['whole days (daily rows)', FIXTURE_START, END, 'daily'],
    ['whole hours (hourly rows)', FIXTURE_START + 5 * HOUR, END - 2 * HOUR, 'hourly'],
    ['off the hour (per-sweep rows)', FIXTURE_START + 11 * 60_000, END - 22 * 60_000, 'raw'],
  ] as const)('topGames ranks by hours watched: %s', async (_name, from, to, level) => {
    const r = await repo().topGames({ from: new Date(from), to: new Date(to), limit: 10 });
    const exp = expectedTopGames(fixture, from, to, FIXTURE_GAMES);
    expect(r.level).toBe(level);
    expect(r).toEqual({ level, ...exp });
  });

  it('topGames honours the limit', async () => {
    const r = await repo().topGames({ from: new Date(FIXTURE_START), to: new Date(END), limit: 2 });
    expect(r.games.map((g) => g.rank)).toEqual([1, 2]);
  });
});

describe('dialect equivalence', () => {
  it('every analytics method returns the same on Postgres and TimescaleDB', async () => {
    const pg = new AnalyticsRepository(dbs.postgres);
    const ts = new AnalyticsRepository(dbs.timescaledb);
    for (const c of CASES) {
      const range = { from: new Date(c.from), to: new Date(c.to), bucket: c.bucket, timeZone: c.timeZone };
      expect(await ts.gameSeries({ ...range, gameIds: GAMES })).toEqual(await pg.gameSeries({ ...range, gameIds: GAMES }));
      expect(await ts.platformSeries(range)).toEqual(await pg.platformSeries(range));
    }
    for (const [from, to] of [
      [FIXTURE_START, END],
      [FIXTURE_START + HOUR, END - HOUR],
      [FIXTURE_START + 60_000, END],
    ]) {
      const q = { from: new Date(from!), to: new Date(to!), limit: 5 };
      expect(await ts.topGames(q)).toEqual(await pg.topGames(q));
    }
  });

  it('the same rollup rows exist on both (hourly, daily and per-channel)', async () => {
    // Plain Postgres keeps the per-channel rollup for folded sweeps (readers add the rest).
    expect((await new MaintenanceRepository(dbs.postgres).foldSweeps()).sweeps).toBeGreaterThan(0);
    for (const table of ['twitch_languages_hourly', 'twitch_game_languages_daily', 'twitch_channels_hourly']) {
      const sql = `SELECT * FROM ${table} ORDER BY 1, 2, 3`;
      const norm = (rows: Record<string, unknown>[]) =>
        rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)])));
      const a = norm(await dbs.postgres.query(sql));
      expect(a.length).toBeGreaterThan(0);
      expect(norm(await dbs.timescaledb.query(sql))).toEqual(a);
    }
  });
});
