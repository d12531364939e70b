import type { BucketOf } from './expected';
import type { XAuthorWrite, XPostMetricsWrite, XPostWrite } from '../repositories/x-post.repository';

/**
 * A small deterministic X world: three tracked queries, three days of hourly counts (with gaps,
 * rewritten buckets and day rows that hourly reads must ignore), sampled posts shared between
 * queries, authors with ids beyond 2^53, case-varied entities and metrics refreshed later.
 * Expectations below are plain loops over these rows.
 */
export const X_START = Date.UTC(2024, 2, 8); // spans the US DST change like the Twitch fixture
export const X_DAYS = 3;
export const X_END = X_START + X_DAYS * 86_400_000;
export const X_QUERIES = [
  { name: 'alpha', query: '#alpha' },
  { name: 'beta', query: '#beta' },
  { name: 'gamma', query: '#gamma' },
] as const;
export type XQueryName = (typeof X_QUERIES)[number]['name'];

export interface XFixture {
  /** Final hourly counts per query (after rewrites). */
  hourly: Record<XQueryName, Array<{ start: Date; count: number }>>;
  /** Values first written for some hours, later replaced by `hourly`. */
  superseded: Record<XQueryName, Array<{ start: Date; count: number }>>;
  /** Day-granularity rows: hourly aggregates must never read them. */
  daily: Record<XQueryName, Array<{ start: Date; count: number }>>;
  posts: Array<{ post: XPostWrite; queries: XQueryName[] }>;
  authors: XAuthorWrite[];
  /** Later metrics snapshots (taken at REFRESH_TS): they replace the first ones. */
  refresh: Array<{ postId: string; metrics: XPostMetricsWrite }>;
}

export const REFRESH_TS = new Date(X_END + 86_400_000);

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function buildXFixture(): XFixture {
  const rnd = lcg(7);
  const hourly = { alpha: [], beta: [], gamma: [] } as XFixture['hourly'];
  const superseded = { alpha: [], beta: [], gamma: [] } as XFixture['superseded'];
  const daily = { alpha: [], beta: [], gamma: [] } as XFixture['daily'];
  for (let h = 0; h < X_DAYS * 24; h++) {
    const start = new Date(X_START + h * 3_600_000);
    X_QUERIES.forEach(({ name }, qi) => {
      if ((h + qi * 5) % 11 === 0) return; // gaps: hours the counts endpoint never answered
      const count = Math.floor(rnd() * 400) + qi;
      if (h % 7 === 3) superseded[name].push({ start, count: count + 13 });
      hourly[name].push({ start, count });
    });
  }
  for (let d = 0; d < X_DAYS; d++) X_QUERIES.forEach(({ name }) => daily[name].push({ start: new Date(X_START + d * 86_400_000), count: 1_000_000 }));

  const authors: XAuthorWrite[] = Array.from({ length: 6 }, (_, i) => ({
    id: String(1_578_516_068_309_794_810n + BigInt(i)),
    username: `author${i}`,
    name: `Author ${i}`,
    followers: 100 * (i + 1),
    following: 10,
    posts: 1000,
    verified: i === 0,
  }));
  const tags = ['Alpha', 'alpha', 'Speedrun', 'gg', 'GG', 'wr'];
  const posts: XFixture['posts'] = [];
  const refresh: XFixture['refresh'] = [];
  for (let i = 0; i < 60; i++) {
    const id = String(1_700_000_000_000_000_000n + BigInt(i * 3));
    const metrics = { likes: Math.floor(rnd() * 50), reposts: Math.floor(rnd() * 10), replies: i % 4, quotes: i % 3, bookmarks: null, impressions: 1000 };
    posts.push({
      queries: i % 3 === 0 ? ['alpha', 'beta'] : i % 3 === 1 ? ['alpha'] : ['beta'],
      post: {
        id,
        createdAt: new Date(X_START + i * 71 * 60_000 + 17_000),
        authorId: i % 13 === 5 ? null : authors[(i * 7) % authors.length]!.id,
        lang: 'en',
        text: `post ${i}`,
        kind: 'original',
        conversationId: id,
        metrics,
        hashtags: [tags[i % tags.length]!, tags[(i * 5) % tags.length]!],
        mentions: i % 2 ? [`Caster${i % 3}`, `caster${i % 3}`] : [],
        urls: [],
        cashtags: [],
      },
    });
    if (i % 4 === 1) refresh.push({ postId: id, metrics: { ...metrics, likes: metrics.likes + 100 + i, replies: metrics.replies + 2 } });
  }
  return { hourly, superseded, daily, posts, authors, refresh };
}

const HOUR = 3_600_000;

export function expectedVolumeSeries(fx: XFixture, q: { names: XQueryName[]; from: number; to: number; bucketOf: BucketOf }) {
  const m = new Map<string, number>();
  for (const name of q.names) {
    for (const c of fx.hourly[name]) {
      const t = c.start.getTime();
      if (t < q.from || t >= q.to) continue;
      const key = `${q.bucketOf(t)}|${name}`;
      m.set(key, (m.get(key) ?? 0) + c.count);
    }
  }
  return [...m.entries()].map(([k, posts]) => {
    const [b, name] = k.split('|') as [string, XQueryName];
    return { bucketStart: Number(b), name, posts };
  });
}

export function expectedVolumeTotal(fx: XFixture, name: XQueryName, from: number, to: number): number {
  return fx.hourly[name].filter((c) => c.start.getTime() >= from && c.start.getTime() < to).reduce((a, c) => a + c.count, 0);
}

/** Posts and distinct stored hours over the whole hours inside [from, to). */
export function expectedPostRate(fx: XFixture, names: XQueryName[], from: number, to: number) {
  const hours = new Set<number>();
  let posts = 0;
  for (const name of names) {
    for (const c of fx.hourly[name]) {
      const t = c.start.getTime();
      if (t < from || t + HOUR > to) continue;
      posts += c.count;
      hours.add(t);
    }
  }
  return { posts, hoursCovered: hours.size };
}

function sample(fx: XFixture, name: XQueryName, from: number, to: number) {
  return fx.posts.filter((p) => p.queries.includes(name) && p.post.createdAt.getTime() >= from && p.post.createdAt.getTime() < to).map((p) => p.post);
}

function engagementOf(fx: XFixture, postId: string): number {
  const latest = fx.refresh.find((r) => r.postId === postId)?.metrics ?? fx.posts.find((p) => p.post.id === postId)!.post.metrics!;
  return latest.likes + latest.reposts + latest.replies + latest.quotes;
}

export function expectedEngagement(fx: XFixture, name: XQueryName, from: number, to: number) {
  const posts = sample(fx, name, from, to);
  return {
    samplePosts: posts.length,
    uniqueAuthors: new Set(posts.map((p) => p.authorId).filter((a) => a !== null)).size,
    engagement: posts.reduce((a, p) => a + engagementOf(fx, p.id), 0),
  };
}

export function expectedTopEntities(fx: XFixture, name: XQueryName, kind: 'hashtag' | 'mention', from: number, to: number, limit: number) {
  const m = new Map<string, number>();
  for (const p of sample(fx, name, from, to)) {
    for (const v of new Set((kind === 'hashtag' ? p.hashtags : p.mentions).map((x) => x.toLowerCase()))) m.set(v, (m.get(v) ?? 0) + 1);
  }
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([value, posts]) => ({ value, posts }));
}

export function expectedTopAuthors(fx: XFixture, name: XQueryName, from: number, to: number, limit: number) {
  const m = new Map<string, { posts: number; engagement: number }>();
  for (const p of sample(fx, name, from, to)) {
    if (p.authorId === null) continue;
    const cur = m.get(p.authorId) ?? { posts: 0, engagement: 0 };
    cur.posts += 1;
    cur.engagement += engagementOf(fx, p.id);
    m.set(p.authorId, cur);
  }
  return [...m.entries()]
    .sort((a, b) => b[1].posts - a[1].posts || b[1].engagement - a[1].engagement || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([authorId, s]) => {
      const a = fx.authors.find((x) => x.id === authorId)!;
      return { authorId, username: a.username, name: a.name, followers: a.followers, posts: s.posts, engagement: s.engagement };
    });
}
