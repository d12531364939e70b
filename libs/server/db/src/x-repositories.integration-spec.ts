import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database/open-database';
import type { Database } from './database/types';
import { migrate } from './migrate';
import { XCountsRepository } from './repositories/x-counts.repository';
import { XPostRepository, type XPostWrite } from './repositories/x-post.repository';
import { XQueryRepository } from './repositories/x-query.repository';
import { failingAfter } from './testing/storage-contract';

// The X tables on the embedded TimescaleDB dialect (hypertables x_counts, x_post_metrics); the
// ingestion integration spec covers plain Postgres end to end.
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ kind: 'embedded', dir: 'memory://' });
  await migrate(db);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

const post = (id: string, at: string, tags: string[]): XPostWrite => ({
  id,
  createdAt: new Date(at),
  authorId: '1578516068309794817',
  lang: 'en',
  text: `post ${id}`,
  kind: 'original',
  conversationId: id,
  metrics: { likes: 3, reposts: 1, replies: 0, quotes: 0, bookmarks: null, impressions: 40 },
  hashtags: tags,
  mentions: [],
  urls: [],
  cashtags: [],
});

describe('X repositories on embedded TimescaleDB', () => {
  it('upserts counts, writes posts once, keeps the checkpoint atomic and monotonic', async () => {
    const queries = new XQueryRepository(db);
    const q = (await queries.insert({ name: 'q', query: '#q', origin: 'config' }))!;
    expect(await queries.insert({ name: 'again', query: '#q' })).toBeNull();

    const counts = new XCountsRepository(db);
    const h = (n: number) => new Date(Date.UTC(2026, 0, 1, n));
    expect(await counts.upsert(q.queryId, 'hour', [{ start: h(0), count: 4 }, { start: h(1), count: 2 }], h(2))).toBe(2);
    expect(await counts.upsert(q.queryId, 'hour', [{ start: h(0), count: 4 }, { start: h(1), count: 5 }], h(3))).toBe(1);
    expect(await counts.series(q.queryId, 'hour', h(0), h(5))).toEqual([
      { bucketStart: h(0), postCount: 4 },
      { bucketStart: h(1), postCount: 5 },
    ]);

    // Ids beyond 2^53 whose float64 images collide: they must stay distinct.
    const a = '1578516068309794817';
    const b = '1578516068309794818';
    expect(Number(a)).toBe(Number(b));
    const posts = new XPostRepository(db);
    const write = { queryId: q.queryId, posts: [post(a, '2026-01-01T00:10:00Z', ['Q', 'q']), post(b, '2026-01-01T00:20:00Z', [])], authors: [], newestId: b, ts: h(2) };
    await expect(new XPostRepository(failingAfter(db, /INSERT INTO x_post_entities/)).writeSearchResult(write)).rejects.toThrow('injected failure');
    expect((await queries.byId(q.queryId))!.sinceId).toBeNull();
    expect(await posts.postIdsForQuery(q.queryId)).toEqual([]);

    const first = await posts.writeSearchResult(write);
    expect(first).toMatchObject({ postsInserted: 2, duplicates: 0, entities: 1, metrics: 2 });
    const again = await posts.writeSearchResult({ ...write, newestId: a, ts: h(3) });
    expect(again).toMatchObject({ postsInserted: 0, duplicates: 2, entities: 0, metrics: 2 });
    expect(await posts.postIdsForQuery(q.queryId)).toEqual([a, b]);
    expect((await queries.byId(q.queryId))!.sinceId).toBe(b);
    expect(await posts.appendMetrics(h(3), [{ postId: a, metrics: write.posts[0]!.metrics! }])).toBe(0);
    expect(await posts.appendMetrics(h(4), [{ postId: a, metrics: write.posts[0]!.metrics! }])).toBe(1);
    expect(await posts.refreshCandidates(h(5), 7 * 86_400_000, 10)).toEqual([b, a]);
  });
});
