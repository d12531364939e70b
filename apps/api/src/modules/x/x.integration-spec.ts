import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SweepRepository, XCountsRepository, XQueryRepository, type Database, type StreamObservation } from '@streamscope/db';
import { createTestRedis, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../../testing/api-harness';
import { DIALECTS, openDialectDatabase, settleRollups, type DialectDatabase } from '../../testing/dialect-database';

const H = 3_600_000;
const T0 = Date.parse('2026-11-10T00:00:00Z');
const HOURS = 72;
const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' };

/** Viewers of game 21779 per hour: a daily wave; posts of its query trail them by 2 hours. */
const viewersAt = (h: number) => Math.round(5000 + 4000 * Math.sin((2 * Math.PI * h) / 24) + ((h * 37) % 11) * 50);
const postsAt = (h: number) => Math.round(viewersAt(h - 2) / 40);
const otherPostsAt = (h: number) => 20 + (h % 5);

let db: Database;
let lolId: string;
let otherId: string;

/** Pearson r written out here, independent of the product's implementation. */
function r(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let c = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    c += (xs[i]! - mx) * (ys[i]! - my);
    vx += (xs[i]! - mx) ** 2;
    vy += (ys[i]! - my) ** 2;
  }
  return c / Math.sqrt(vx * vy);
}

/** Seeds `db`: hourly sweeps, two tracked queries with hourly counts, and a small stored sample. */
async function seed(): Promise<void> {
  const sweeps = new SweepRepository(db);
  // One sweep per hour (sample 3600 s) with one stream of the game and one of another game.
  for (let h = 0; h < HOURS; h++) {
    const ts = new Date(T0 + h * H);
    const mk = (id: number, game: string, name: string, viewers: number): StreamObservation => ({
      streamId: String(900 + id), channelId: String(id), channelLogin: `c${id}`, channelName: `C${id}`, gameId: game, gameName: name,
      language: 'en', viewers, title: '', tags: [], startedAt: new Date(T0),
    });
    await sweeps.writeSweep({
      ts, sampleSeconds: 3600, status: 'complete', pages: 1, apiCalls: 1, duplicatesDropped: 0, startedAt: ts, finishedAt: ts,
      streams: [mk(1, '21779', 'League of Legends', viewersAt(h)), mk(2, '509658', 'Just Chatting', 3000)],
    });
  }
  const queries = new XQueryRepository(db);
  lolId = (await queries.insert({ name: 'LoL', query: '"League of Legends" OR #LeagueOfLegends', gameId: '21779' }))!.queryId;
  otherId = (await queries.insert({ name: 'Other', query: '#Other' }))!.queryId;
  const counts = new XCountsRepository(db);
  await counts.upsert(lolId, 'hour', Array.from({ length: HOURS }, (_, h) => ({ start: new Date(T0 + h * H), count: postsAt(h) })), new Date());
  await counts.upsert(otherId, 'hour', Array.from({ length: HOURS }, (_, h) => ({ start: new Date(T0 + h * H), count: otherPostsAt(h) })), new Date());
  // A small stored sample: three posts, two authors, one metrics snapshot each (the latest counts).
  await db.query(`INSERT INTO x_authors (author_id, username, name, followers) VALUES (11, 'alice', 'Alice', 500), (12, 'bob', 'Bob', 40)`);
  await db.query(`INSERT INTO x_posts (post_id, created_at, author_id, lang, text, kind) VALUES
    (9007199254740993, '2026-11-11T01:00:00Z', 11, 'en', 'a', 'original'),
    (9007199254740995, '2026-11-11T02:00:00Z', 11, 'en', 'b', 'original'),
    (9007199254740997, '2026-11-11T03:00:00Z', 12, 'en', 'c', 'reply')`);
  await db.query(`INSERT INTO x_post_queries (post_id, query_id) SELECT p, $1::bigint FROM unnest(ARRAY[9007199254740993, 9007199254740995, 9007199254740997]::bigint[]) p`, [lolId]);
  await db.query(`INSERT INTO x_post_metrics (ts, post_id, likes, reposts, replies, quotes) VALUES
    ('2026-11-11T04:00:00Z', 9007199254740993, 1, 0, 0, 0),
    ('2026-11-11T09:00:00Z', 9007199254740993, 10, 2, 1, 1),
    ('2026-11-11T09:00:00Z', 9007199254740995, 5, 0, 0, 0),
    ('2026-11-11T09:00:00Z', 9007199254740997, 0, 0, 3, 0)`);
  await db.query(`INSERT INTO x_post_entities (post_id, kind, value, created_at) VALUES
    (9007199254740993, 'hashtag', 'leagueoflegends', '2026-11-11T01:00:00Z'),
    (9007199254740995, 'hashtag', 'leagueoflegends', '2026-11-11T02:00:00Z'),
    (9007199254740997, 'hashtag', 'worlds', '2026-11-11T03:00:00Z'),
    (9007199254740997, 'mention', 'faker', '2026-11-11T03:00:00Z')`);
  await settleRollups(db, new Date(T0), new Date(T0 + HOURS * H));
}

// Every test runs on both dialects against the same expectations computed here.
describe.each(DIALECTS)('%s', (dialect) => {
  let dialectDb: DialectDatabase | undefined;
  let testRedis: TestRedis | undefined;
  let api: Harness;

  beforeAll(async () => {
    dialectDb = await openDialectDatabase(dialect, 'apix');
    db = dialectDb.db;
    testRedis = createTestRedis('apix');
    await seed();
    api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await dialectDb?.close();
    await testRedis?.cleanup();
  });

  const range = { from: new Date(T0 + 24 * H).toISOString(), to: new Date(T0 + 48 * H).toISOString() };

  describe('X volume and share of voice', () => {
    it('returns posts per hour from counts, with the previous-period total', async () => {
      const { body } = await api.gql<{ xVolume: { timestamps: string[]; series: Array<{ queryId: string; posts: number[]; total: number; previousTotal: number; change: number | null }> } }>(
        `query V($from: DateTime!, $to: DateTime!) { xVolume(from: $from, to: $to, bucket: HOUR) { timestamps series { queryId posts total previousTotal change } } }`,
        range,
      );
      const lol = body.data!.xVolume.series.find((s) => s.queryId === lolId)!;
      const expected = Array.from({ length: 24 }, (_, i) => postsAt(24 + i));
      expect(lol.posts).toEqual(expected);
      expect(lol.total).toBe(expected.reduce((a, b) => a + b, 0));
      const prev = Array.from({ length: 24 }, (_, i) => postsAt(i)).reduce((a, b) => a + b, 0);
      expect(lol.previousTotal).toBe(prev);
      expect(lol.change).toBeCloseTo((lol.total - prev) / prev, 12);
    });

    it('splits the volume into shares that sum to one', async () => {
      const { body } = await api.gql<{ xShareOfVoice: Array<{ queryId: string; posts: number; share: number }> }>(
        `query S($from: DateTime!, $to: DateTime!) { xShareOfVoice(from: $from, to: $to) { queryId posts share } }`,
        range,
      );
      const lolPosts = Array.from({ length: 24 }, (_, i) => postsAt(24 + i)).reduce((a, b) => a + b, 0);
      const otherPosts = Array.from({ length: 24 }, (_, i) => otherPostsAt(24 + i)).reduce((a, b) => a + b, 0);
      const byId = new Map(body.data!.xShareOfVoice.map((s) => [s.queryId, s]));
      expect(byId.get(lolId)?.share).toBeCloseTo(lolPosts / (lolPosts + otherPosts), 12);
      expect(byId.get(otherId)?.posts).toBe(otherPosts);
    });

    it('refuses buckets finer than the stored hour', async () => {
      const { body } = await api.gql(`query { xVolume(from: "2026-11-10T00:00:00Z", to: "2026-11-11T00:00:00Z", bucket: FIVE_MINUTES) { bucket } }`);
      expect(body.errors?.[0]?.message).toMatch(/^bucket: X volume is stored per hour/);
    });
  });

  const RATE = `query R($from: DateTime!, $to: DateTime!) {
    xPostRate(from: $from, to: $to) { trackedQueries posts hoursCovered postsPerHour previousPosts previousHoursCovered previousPostsPerHour change }
  }`;
  interface Rate { trackedQueries: number; posts: number; hoursCovered: number; postsPerHour: number | null; previousPosts: number; previousHoursCovered: number; previousPostsPerHour: number | null; change: number | null }
  /** Both queries' posts over stored hours [a, b) (counts exist for hours 0..71 only). */
  const postsOver = (a: number, b: number) => {
    let n = 0;
    for (let h = Math.max(0, a); h < Math.min(HOURS, b); h++) n += postsAt(h) + otherPostsAt(h);
    return n;
  };

  describe('X posts per hour', () => {
    it('divides the posts of whole stored hours by those hours, current and previous period', async () => {
      // Hours 60..83: counts stop after hour 71, so 12 hours are covered; the previous 24 are all stored.
      const { body } = await api.gql<{ xPostRate: Rate }>(RATE, { from: new Date(T0 + 60 * H).toISOString(), to: new Date(T0 + 84 * H).toISOString() });
      expect(body.errors).toBeUndefined();
      const r = body.data!.xPostRate;
      expect(r).toMatchObject({ trackedQueries: 2, posts: postsOver(60, 72), hoursCovered: 12, previousPosts: postsOver(36, 60), previousHoursCovered: 24 });
      expect(r.postsPerHour).toBeCloseTo(postsOver(60, 72) / 12, 12);
      expect(r.previousPostsPerHour).toBeCloseTo(postsOver(36, 60) / 24, 12);
      expect(r.change).toBeCloseTo(postsOver(60, 72) / 12 / (postsOver(36, 60) / 24) - 1, 12);
    });

    it('leaves out the hours cut by a range off the hour, and has no rate where nothing is stored', async () => {
      // 24:30 → 48:30 holds whole hours 25..47; the previous range 0:30 → 24:30 holds 1..23.
      const { body } = await api.gql<{ xPostRate: Rate }>(RATE, { from: new Date(T0 + 24.5 * H).toISOString(), to: new Date(T0 + 48.5 * H).toISOString() });
      expect(body.data!.xPostRate).toMatchObject({ posts: postsOver(25, 48), hoursCovered: 23, previousPosts: postsOver(1, 24), previousHoursCovered: 23 });
      const later = await api.gql<{ xPostRate: Rate }>(RATE, { from: new Date(T0 + 100 * H).toISOString(), to: new Date(T0 + 110 * H).toISOString() });
      expect(later.body.data!.xPostRate).toMatchObject({ trackedQueries: 2, posts: 0, hoursCovered: 0, postsPerHour: null, previousPostsPerHour: null, change: null });
    });

    it('refuses a reversed range naming the field', async () => {
      const { body } = await api.gql(RATE, { from: range.to, to: range.from });
      expect(body.errors?.[0]?.message).toBe('to: must be after from');
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('X sample insights', () => {
    it('counts engagement at each post’s latest snapshot, authors and entities', async () => {
      const { body } = await api.gql<{ xQueryInsights: { samplePosts: number; uniqueAuthors: number; engagement: number; topHashtags: Array<{ value: string; posts: number }>; topMentions: Array<{ value: string }>; topAuthors: Array<{ username: string; posts: number; engagement: number }> } }>(
        `query I($q: ID!, $from: DateTime!, $to: DateTime!) { xQueryInsights(queryId: $q, from: $from, to: $to) { samplePosts uniqueAuthors engagement topHashtags { value posts } topMentions { value } topAuthors { username posts engagement } } }`,
        { q: lolId, ...range },
      );
      const i = body.data!.xQueryInsights;
      expect(i.samplePosts).toBe(3);
      expect(i.uniqueAuthors).toBe(2);
      expect(i.engagement).toBe(14 + 5 + 3); // the 04:00 snapshot of the first post is superseded
      expect(i.topHashtags).toEqual([{ value: 'leagueoflegends', posts: 2 }, { value: 'worlds', posts: 1 }]);
      expect(i.topMentions).toEqual([{ value: 'faker' }]);
      expect(i.topAuthors[0]).toEqual({ username: 'alice', posts: 2, engagement: 19 });
    });
  });

  describe('tracked queries (admin)', () => {
    it('adds a valid query, refuses an invalid one at creation naming the field, pauses and removes', async () => {
      const add = `mutation A($input: AddTrackedQueryInput!) { addTrackedQuery(input: $input) { id name query state } }`;
      const ok = await api.gql<{ addTrackedQuery: { id: string; state: string } }>(add, { input: { name: 'Valorant', query: '#VALORANT -is:retweet' } }, ADMIN);
      expect(ok.body.data?.addTrackedQuery.state).toBe('ACTIVE');
      const bad = await api.gql(add, { input: { name: 'Broken', query: '(unbalanced' } }, ADMIN);
      expect(bad.body.errors?.[0]?.message).toMatch(/^input\.query: /);
      expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const anon = await api.gql(add, { input: { name: 'x', query: 'x' } });
      expect(anon.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const id = ok.body.data!.addTrackedQuery.id;
      const paused = await api.gql<{ pauseTrackedQuery: { state: string } }>(`mutation { pauseTrackedQuery(id: "${id}") { state } }`, {}, ADMIN);
      expect(paused.body.data?.pauseTrackedQuery.state).toBe('PAUSED');
      await api.gql(`mutation { removeTrackedQuery(id: "${id}") { id } }`, {}, ADMIN);
      const list = await api.gql<{ trackedQueries: Array<{ id: string }> }>('{ trackedQueries { id } }');
      expect(list.body.data?.trackedQueries.map((q) => q.id)).toEqual([lolId, otherId]);
    });
  });

  describe('crossPlatform', () => {
    it('correlates hourly viewers with posts and finds the 2-hour lag', async () => {
      const { body } = await api.gql<{ crossPlatform: { queryId: string; averageViewers: number[]; posts: number[]; correlation: number; pairs: number; bestLag: { lagHours: number; r: number }; summary: string } }>(
        `query C($from: DateTime!, $to: DateTime!) { crossPlatform(gameId: "21779", from: $from, to: $to) { queryId averageViewers posts correlation pairs bestLag { lagHours r } summary } }`,
        { from: new Date(T0).toISOString(), to: new Date(T0 + HOURS * H).toISOString() },
      );
      const c = body.data!.crossPlatform;
      expect(c.queryId).toBe(lolId);
      const viewers = Array.from({ length: HOURS }, (_, h) => viewersAt(h));
      const posts = Array.from({ length: HOURS }, (_, h) => postsAt(h));
      expect(c.averageViewers).toEqual(viewers);
      expect(c.posts).toEqual(posts);
      expect(c.pairs).toBe(HOURS);
      expect(c.correlation).toBeCloseTo(r(viewers, posts), 10);
      expect(c.bestLag.lagHours).toBe(2);
      expect(c.bestLag.r).toBeCloseTo(r(viewers.slice(0, HOURS - 2), posts.slice(2)), 10);
      expect(c.summary).toMatch(/posts trail viewers by 2 h/);
    });
  });

  describe('X posts per hour without tracked queries', () => {
    it('says nothing is tracked instead of a zero rate', async () => {
      const queries = new XQueryRepository(db);
      await queries.setState(lolId, 'paused', new Date());
      await queries.setState(otherId, 'paused', new Date());
      try {
        const { body } = await api.gql<{ xPostRate: Rate }>(RATE, range);
        expect(body.data!.xPostRate).toEqual({
          trackedQueries: 0, posts: 0, hoursCovered: 0, postsPerHour: null, previousPosts: 0, previousHoursCovered: 0, previousPostsPerHour: null, change: null,
        });
      } finally {
        await queries.setState(lolId, 'active', new Date());
        await queries.setState(otherId, 'active', new Date());
      }
    });
  });
});
