import { createTestDatabase, type TestDatabase } from '@streamscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '@streamscope/shared';
import { openDatabase } from './database/open-database';
import type { Database } from './database/types';
import { migrate } from './migrate';
import { MaintenanceRepository } from './repositories/maintenance.repository';
import { SweepRepository } from './repositories/sweep.repository';
import { TwitchBreakdownRepository, type BreakdownFilter } from './repositories/twitch-breakdown.repository';
import { TwitchChannelsRepository } from './repositories/twitch-channels.repository';
import { TwitchHeatmapRepository } from './repositories/twitch-heatmap.repository';
import { XAnalyticsRepository } from './repositories/x-analytics.repository';
import { XCountsRepository } from './repositories/x-counts.repository';
import { XPostRepository } from './repositories/x-post.repository';
import { XQueryRepository } from './repositories/x-query.repository';
import { fixedBuckets, zoneDay, type BucketOf } from './testing/expected';
import {
  expectedHeatmap,
  expectedKeySeries,
  expectedOtherPeaks,
  expectedRank,
  expectedTopChannels,
  expectedUniverse,
  type By,
  type Dim,
} from './testing/expected-breakdown';
import { buildFixture, FIXTURE_DAYS, FIXTURE_START, toSweepWrite } from './testing/sweep-fixture';
import {
  buildXFixture,
  expectedEngagement,
  expectedPostRate,
  expectedTopAuthors,
  expectedTopEntities,
  expectedVolumeSeries,
  expectedVolumeTotal,
  REFRESH_TS,
  X_END,
  X_QUERIES,
  X_START,
  type XQueryName,
} from './testing/x-fixture';

/**
 * The breakdown, channel, heatmap and X repositories on both dialects: one fixture loaded into
 * plain Postgres and into embedded TimescaleDB (PGlite), every method checked against an
 * independent computation from the fixture rows, and the two dialects compared call by call.
 */
const HOUR = 3_600_000;
const DAY = 86_400_000;
const fixture = buildFixture();
const xfx = buildXFixture();
const END = FIXTURE_START + FIXTURE_DAYS * DAY;
const DIALECTS = ['postgres', 'timescaledb'] as const;
type Dialect = (typeof DIALECTS)[number];

let testDb: TestDatabase;
const dbs = {} as Record<Dialect, Database>;
const queryIds = {} as Record<Dialect, Record<XQueryName, string>>;

async function loadTwitch(db: Database): Promise<void> {
  const sweeps = new SweepRepository(db);
  for (const s of fixture) {
    const r = await sweeps.writeSweep(toSweepWrite(s));
    if (!r.written) throw new Error('fixture sweep not written');
  }
  await new MaintenanceRepository(db).refreshRollups(new Date(FIXTURE_START), new Date(END));
}

async function loadX(db: Database): Promise<Record<XQueryName, string>> {
  const queries = new XQueryRepository(db);
  const ids = {} as Record<XQueryName, string>;
  for (const q of X_QUERIES) ids[q.name] = (await queries.insert({ name: q.name, query: q.query, origin: 'config' }))!.queryId;
  const counts = new XCountsRepository(db);
  for (const q of X_QUERIES) {
    await counts.upsert(ids[q.name], 'hour', xfx.superseded[q.name], new Date(X_START));
    await counts.upsert(ids[q.name], 'hour', xfx.hourly[q.name], new Date(X_END));
    await counts.upsert(ids[q.name], 'day', xfx.daily[q.name], new Date(X_END));
  }
  const posts = new XPostRepository(db);
  // One search result per query and day, as the collector writes them; shared posts arrive twice.
  for (const q of X_QUERIES) {
    for (let d = 0; d < 3; d++) {
      const batch = xfx.posts
        .filter((p) => p.queries.includes(q.name) && Math.floor((p.post.createdAt.getTime() - X_START) / DAY) === d)
        .map((p) => p.post);
      if (batch.length === 0) continue;
      await posts.writeSearchResult({ queryId: ids[q.name], posts: batch, authors: xfx.authors, newestId: batch.at(-1)!.id, ts: new Date(X_START + (d + 1) * DAY) });
    }
  }
  await posts.appendMetrics(REFRESH_TS, xfx.refresh);
  return ids;
}

beforeAll(async () => {
  testDb = await createTestDatabase('breakdowns');
  // Sequential: starting the WASM engine blocks the event loop long enough to trip pg's
  // connect timeout if both open at once.
  dbs.timescaledb = await openDatabase({ kind: 'embedded', dir: 'memory://' });
  dbs.postgres = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  for (const d of DIALECTS) {
    await migrate(dbs[d]);
    await loadTwitch(dbs[d]);
    queryIds[d] = await loadX(dbs[d]);
  }
}, 180_000);

afterAll(async () => {
  await dbs.postgres?.close();
  await dbs.timescaledb?.close();
  await testDb?.drop();
});

const stripPeaks = <T extends { peakViewers?: number; peakChannels?: number }>(rows: T[]) =>
  rows.map(({ peakViewers: _v, peakChannels: _c, ...rest }) => rest);

interface RankCase {
  name: string;
  from: number;
  to: number;
  dim: Dim;
  by: By;
  filter?: BreakdownFilter;
  exactPeaks?: boolean;
  level: 'raw' | 'hourly' | 'daily';
}

const RANK_CASES: RankCase[] = [
  { name: 'games by hours watched, whole days', from: FIXTURE_START + DAY, to: END, dim: 'game', by: 'hoursWatched', level: 'daily' },
  { name: 'games by peak viewers, whole hours', from: FIXTURE_START + 30 * HOUR, to: END - 2 * HOUR, dim: 'game', by: 'peakViewers', level: 'hourly' },
  { name: 'languages by hours streamed, off the hour', from: FIXTURE_START + 25 * HOUR + 7 * 60_000, to: END - 13 * 60_000, dim: 'language', by: 'hoursStreamed', level: 'raw' },
  { name: 'languages of two games (exact peaks)', from: FIXTURE_START + DAY, to: END, dim: 'language', by: 'averageViewers', filter: { gameIds: ['1001', '1003'] }, exactPeaks: true, level: 'raw' },
  { name: 'games in German, from rollups (sums only)', from: FIXTURE_START + DAY, to: END, dim: 'game', by: 'hoursWatched', filter: { languages: ['de'] }, level: 'daily' },
];

interface SeriesCase {
  name: string;
  bucket: Bucket;
  timeZone: string;
  from: number;
  to: number;
  bucketOf: BucketOf;
}

const SERIES_CASES: SeriesCase[] = [
  { name: '1h UTC', bucket: '1h', timeZone: 'UTC', from: FIXTURE_START, to: END, bucketOf: fixedBuckets(3600) },
  { name: '5m UTC, off the hour', bucket: '5m', timeZone: 'UTC', from: FIXTURE_START + 7 * 60_000, to: FIXTURE_START + 20 * HOUR, bucketOf: fixedBuckets(300) },
  { name: '1d New York (DST change inside)', bucket: '1d', timeZone: 'America/New_York', from: FIXTURE_START, to: END, bucketOf: zoneDay('America/New_York') },
  { name: '1d Kolkata (half-hour offset)', bucket: '1d', timeZone: 'Asia/Kolkata', from: FIXTURE_START, to: END, bucketOf: zoneDay('Asia/Kolkata') },
];

const channelName = (id: string) => ({ login: `user${id}`, displayName: `User ${id}` });

describe.each(DIALECTS)('Twitch breakdowns on %s match the fixture', (dialect) => {
  const breakdown = () => new TwitchBreakdownRepository(dbs[dialect]);

  it('runs on the dialect it claims', () => {
    expect(dbs[dialect].dialect).toBe(dialect);
  });

  it.each(RANK_CASES)('rankKeys: $name', async (c) => {
    const exp = expectedRank(fixture, { from: c.from, to: c.to, dim: c.dim, filter: c.filter, by: c.by });
    expect(exp.totalCount).toBeGreaterThan(1);
    expect(exp.rows.some((r) => r.previousRank !== null)).toBe(true);
    const q = { from: new Date(c.from), to: new Date(c.to), dimension: c.dim, filter: c.filter, by: c.by, exactPeaks: c.exactPeaks };
    const all = await breakdown().rankKeys({ ...q, limit: 100, offset: 0 });
    expect(all.level).toBe(c.level);
    expect(all.coveredSeconds).toBe(exp.coveredSeconds);
    expect(all.totalCount).toBe(exp.totalCount);
    // A (game, language) filter read from rollups has per-pair peaks, documented as inexact.
    const peaksExact = !(c.filter && !c.exactPeaks);
    if (peaksExact) expect(all.rows).toEqual(exp.rows);
    else expect(stripPeaks(all.rows)).toEqual(stripPeaks(exp.rows));
    const page = await breakdown().rankKeys({ ...q, limit: 1, offset: 1 });
    expect(page.totalCount).toBe(exp.totalCount);
    expect(page.rows.map((r) => r.key)).toEqual([exp.rows[1]!.key]);
  });

  it('rankKeys never ranks "no category" and is empty (not an error) past the data', async () => {
    const r = await breakdown().rankKeys({ from: new Date(FIXTURE_START), to: new Date(END), dimension: 'game', by: 'hoursWatched', limit: 50, offset: 0 });
    expect(r.rows.map((x) => x.key)).not.toContain('0');
    const empty = await breakdown().rankKeys({ from: new Date(END + DAY), to: new Date(END + 2 * DAY), dimension: 'game', by: 'hoursWatched', limit: 50, offset: 0 });
    expect(empty).toEqual({ level: 'daily', coveredSeconds: 0, totalCount: 0, rows: [] });
  });

  it.each(SERIES_CASES)('keySeries, universeSums and otherPeaks: $name', async (c) => {
    const range = { from: new Date(c.from), to: new Date(c.to), bucket: c.bucket, timeZone: c.timeZone };
    const games = await breakdown().keySeries({ ...range, dimension: 'game', keys: ['1001', '1003'] });
    expect(games.rows.map((r) => ({ ...r, bucketStart: r.bucketStart.getTime() }))).toEqual(
      expectedKeySeries(fixture, { from: c.from, to: c.to, dim: 'game', keys: ['1001', '1003'], bucketOf: c.bucketOf }).map((r) => ({ ...r, bucketStart: r.bucketStart.getTime() })),
    );
    expect(games.coverage.reduce((a, x) => a + x.sweeps, 0)).toBe(fixture.filter((s) => s.ts >= c.from && s.ts < c.to).length);

    const filter = { gameIds: ['1002'] };
    const langs = await breakdown().keySeries({ ...range, dimension: 'language', keys: ['en', 'es'], filter, exactPeaks: true });
    expect(langs.level).toBe('raw');
    expect(langs.rows).toEqual(expectedKeySeries(fixture, { from: c.from, to: c.to, dim: 'language', keys: ['en', 'es'], filter, bucketOf: c.bucketOf }));

    const platform = await breakdown().universeSums({ ...range, dimension: 'game' });
    expect(platform.rows).toEqual(expectedUniverse(fixture, { from: c.from, to: c.to, bucketOf: c.bucketOf }));
    const german = await breakdown().universeSums({ ...range, dimension: 'game', filter: { languages: ['de'] } });
    expect(stripPeaks(german.rows)).toEqual(stripPeaks(expectedUniverse(fixture, { from: c.from, to: c.to, filter: { languages: ['de'] }, bucketOf: c.bucketOf })));

    const other = await breakdown().otherPeaks({ ...range, dimension: 'game', excludeKeys: ['1001'] });
    expect(other).toEqual(expectedOtherPeaks(fixture, { from: c.from, to: c.to, dim: 'game', excludeKeys: ['1001'], bucketOf: c.bucketOf }));
    const otherLangs = await breakdown().otherPeaks({ ...range, dimension: 'language', excludeKeys: ['en'], filter: { gameIds: ['1001', '1002'] } });
    expect(otherLangs).toEqual(
      expectedOtherPeaks(fixture, { from: c.from, to: c.to, dim: 'language', excludeKeys: ['en'], filter: { gameIds: ['1001', '1002'] }, bucketOf: c.bucketOf }),
    );
  });

  it.each([
    ['hours watched, whole hours (hourly rollup)', { from: FIXTURE_START + DAY, to: END, by: 'hoursWatched' as const }, 'hourly'],
    ['peak viewers, off the hour (snapshots)', { from: FIXTURE_START + DAY + 11 * 60_000, to: END - 22 * 60_000, by: 'peakViewers' as const }, 'raw'],
    ['hours streamed in one game', { from: FIXTURE_START + DAY, to: END, by: 'hoursStreamed' as const, gameId: '1003' }, 'raw'],
    ['searching a login keeps ranks among all channels', { from: FIXTURE_START + DAY, to: END, by: 'hoursWatched' as const, search: 'SER90' }, 'hourly'],
  ] as const)('topChannels: %s', async (_name, q, source) => {
    const exp = expectedTopChannels(fixture, q, channelName);
    expect(exp.totalCount).toBeGreaterThan(0);
    const r = await new TwitchChannelsRepository(dbs[dialect]).topChannels({
      from: new Date(q.from),
      to: new Date(q.to),
      by: q.by,
      limit: 100,
      offset: 0,
      gameId: 'gameId' in q ? q.gameId : null,
      search: 'search' in q ? q.search : null,
    });
    expect(r).toEqual({ source, ...exp });
  });

  it.each([
    ['all of Twitch, UTC', { from: FIXTURE_START, to: END, timeZone: 'UTC' }],
    ['one game, New York (DST change inside)', { from: FIXTURE_START, to: END, timeZone: 'America/New_York', gameId: '1003' }],
    ['Kolkata (half-hour offset), part of the range', { from: FIXTURE_START + 5 * HOUR + 30 * 60_000, to: END - DAY, timeZone: 'Asia/Kolkata' }],
  ] as const)('weekdayHour heatmap: %s', async (_name, q) => {
    const exp = expectedHeatmap(fixture, q);
    const r = await new TwitchHeatmapRepository(dbs[dialect]).weekdayHour({ ...q, from: new Date(q.from), to: new Date(q.to), gameId: 'gameId' in q ? q.gameId : null });
    expect(r).toEqual(exp);
    expect(r.reduce((a, c) => a + c.sweeps, 0)).toBe(fixture.filter((s) => s.ts >= q.from && s.ts < q.to).length);
  });
});

const X_SERIES: SeriesCase[] = [
  { name: '1h UTC', bucket: '1h', timeZone: 'UTC', from: X_START, to: X_END, bucketOf: fixedBuckets(3600) },
  { name: '6h UTC, part of the range', bucket: '6h', timeZone: 'UTC', from: X_START + 5 * HOUR, to: X_END - 7 * HOUR, bucketOf: fixedBuckets(21_600) },
  { name: '1d New York (DST change inside)', bucket: '1d', timeZone: 'America/New_York', from: X_START, to: X_END, bucketOf: zoneDay('America/New_York') },
];

describe.each(DIALECTS)('X analytics on %s match the fixture', (dialect) => {
  const repo = () => new XAnalyticsRepository(dbs[dialect]);
  const ids = () => queryIds[dialect];
  const nameOf = (id: string) => X_QUERIES.find((q) => ids()[q.name] === id)!.name;

  it.each(X_SERIES)('volumeSeries reads hourly counts only, rewrites replacing first values: $name', async (c) => {
    const rows = await repo().volumeSeries({ queryIds: [ids().alpha, ids().gamma], from: new Date(c.from), to: new Date(c.to), bucket: c.bucket, timeZone: c.timeZone });
    const exp = expectedVolumeSeries(xfx, { names: ['alpha', 'gamma'], from: c.from, to: c.to, bucketOf: c.bucketOf });
    const got = rows.map((r) => ({ bucketStart: r.bucketStart.getTime(), name: nameOf(r.queryId), posts: r.posts }));
    const order = (a: { bucketStart: number; name: string }, b: { bucketStart: number; name: string }) => a.bucketStart - b.bucketStart || (a.name < b.name ? -1 : 1);
    expect(got.sort(order)).toEqual(exp.sort(order));
  });

  it('volumeTotals and postRate', async () => {
    const from = X_START + 3 * HOUR + 20 * 60_000;
    const to = X_END - 5 * HOUR - 10 * 60_000;
    const totals = await repo().volumeTotals({ queryIds: [ids().alpha, ids().beta], from: new Date(from), to: new Date(to) });
    expect(totals).toEqual(new Map([[ids().alpha, expectedVolumeTotal(xfx, 'alpha', from, to)], [ids().beta, expectedVolumeTotal(xfx, 'beta', from, to)]]));
    const rate = await repo().postRate({ queryIds: [ids().beta, ids().gamma], from: new Date(from), to: new Date(to) });
    expect(rate).toEqual(expectedPostRate(xfx, ['beta', 'gamma'], from, to));
    expect(rate.hoursCovered).toBeGreaterThan(0);
  });

  it.each([
    ['alpha', X_START, X_END],
    ['beta', X_START + 20 * HOUR, X_END - 9 * HOUR],
    ['gamma', X_START, X_END],
  ] as const)('engagement, entities and authors of %s describe the stored sample', async (name, from, to) => {
    const q = { queryId: ids()[name], from: new Date(from), to: new Date(to) };
    expect(await repo().engagementSummary(q)).toEqual(expectedEngagement(xfx, name, from, to));
    expect(await repo().topEntities({ ...q, kind: 'hashtag', limit: 3 })).toEqual(expectedTopEntities(xfx, name, 'hashtag', from, to, 3));
    expect(await repo().topEntities({ ...q, kind: 'mention', limit: 10 })).toEqual(expectedTopEntities(xfx, name, 'mention', from, to, 10));
    expect(await repo().topAuthors({ ...q, limit: 4 })).toEqual(expectedTopAuthors(xfx, name, from, to, 4));
  });

  it('the fixture exercises what it claims', () => {
    const all = expectedEngagement(xfx, 'alpha', X_START, X_END);
    expect(all.samplePosts).toBeGreaterThan(20);
    expect(expectedTopEntities(xfx, 'alpha', 'hashtag', X_START, X_END, 10).map((e) => e.value)).toContain('alpha');
    expect(expectedTopAuthors(xfx, 'beta', X_START, X_END, 10).length).toBeGreaterThan(3);
  });
});

describe('dialect equivalence of the breakdown, channel, heatmap and X repositories', () => {
  const both = <T>(fn: (db: Database, d: Dialect) => Promise<T>) => Promise.all([fn(dbs.postgres, 'postgres'), fn(dbs.timescaledb, 'timescaledb')]);

  it('TwitchBreakdownRepository: every method returns the same', async () => {
    const filters: Array<BreakdownFilter | undefined> = [undefined, { gameIds: ['1001', '1002'] }, { languages: ['en', 'de'] }];
    for (const c of RANK_CASES) {
      for (const by of ['hoursWatched', 'peakViewers', 'hoursStreamed'] as const) {
        for (const exactPeaks of [false, true]) {
          const q = { from: new Date(c.from), to: new Date(c.to), dimension: c.dim, filter: c.filter, by, exactPeaks, limit: 10, offset: 0 };
          const [a, b] = await both((db) => new TwitchBreakdownRepository(db).rankKeys(q));
          expect(b).toEqual(a);
        }
      }
    }
    for (const c of SERIES_CASES) {
      const range = { from: new Date(c.from), to: new Date(c.to), bucket: c.bucket, timeZone: c.timeZone };
      for (const filter of filters) {
        for (const dimension of ['game', 'language'] as const) {
          const keys = dimension === 'game' ? ['1001', '1002', '1003'] : ['en', 'de'];
          const [ks1, ks2] = await both((db) => new TwitchBreakdownRepository(db).keySeries({ ...range, dimension, keys, filter }));
          expect(ks2).toEqual(ks1);
          const [u1, u2] = await both((db) => new TwitchBreakdownRepository(db).universeSums({ ...range, dimension, filter }));
          expect(u2).toEqual(u1);
          const [o1, o2] = await both((db) => new TwitchBreakdownRepository(db).otherPeaks({ ...range, dimension, excludeKeys: keys.slice(0, 1), filter }));
          expect(o2).toEqual(o1);
        }
      }
    }
  });

  it('TwitchChannelsRepository and TwitchHeatmapRepository return the same', async () => {
    for (const [from, to] of [
      [FIXTURE_START, END],
      [FIXTURE_START + HOUR, END - HOUR],
      [FIXTURE_START + 60_000, END],
    ] as const) {
      for (const by of ['hoursWatched', 'averageViewers', 'peakViewers', 'hoursStreamed'] as const) {
        for (const extra of [{}, { gameId: '1002' }, { search: 'user9' }, { offset: 3 }]) {
          const q = { from: new Date(from), to: new Date(to), by, limit: 5, offset: 0, ...extra };
          const [a, b] = await both((db) => new TwitchChannelsRepository(db).topChannels(q));
          expect(b).toEqual(a);
        }
      }
      for (const timeZone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
        for (const gameId of [null, '1001']) {
          const [a, b] = await both((db) => new TwitchHeatmapRepository(db).weekdayHour({ from: new Date(from), to: new Date(to), timeZone, gameId }));
          expect(b).toEqual(a);
        }
      }
    }
  });

  it('XAnalyticsRepository: every method returns the same', async () => {
    expect(queryIds.timescaledb).toEqual(queryIds.postgres);
    const ids = queryIds.postgres;
    const all = Object.values(ids);
    for (const c of X_SERIES) {
      const [a, b] = await both((db) => new XAnalyticsRepository(db).volumeSeries({ queryIds: all, from: new Date(c.from), to: new Date(c.to), bucket: c.bucket, timeZone: c.timeZone }));
      expect(b).toEqual(a);
    }
    for (const [from, to] of [
      [X_START, X_END],
      [X_START + 90 * 60_000, X_END - 30 * 60_000],
    ] as const) {
      const range = { from: new Date(from), to: new Date(to) };
      const [t1, t2] = await both((db) => new XAnalyticsRepository(db).volumeTotals({ queryIds: all, ...range }));
      expect(t2).toEqual(t1);
      const [r1, r2] = await both((db) => new XAnalyticsRepository(db).postRate({ queryIds: all, ...range }));
      expect(r2).toEqual(r1);
      for (const queryId of all) {
        const [e1, e2] = await both((db) => new XAnalyticsRepository(db).engagementSummary({ queryId, ...range }));
        expect(e2).toEqual(e1);
        for (const kind of ['hashtag', 'mention', 'url', 'cashtag'] as const) {
          const [n1, n2] = await both((db) => new XAnalyticsRepository(db).topEntities({ queryId, kind, ...range, limit: 5 }));
          expect(n2).toEqual(n1);
        }
        const [a1, a2] = await both((db) => new XAnalyticsRepository(db).topAuthors({ queryId, ...range, limit: 5 }));
        expect(a2).toEqual(a1);
      }
    }
  });
});
