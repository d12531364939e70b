import {
  XCountsRepository,
  XPostRepository,
  XQueryRepository,
  type Database,
  type TrackedQuery,
  type XAuthorWrite,
  type XPostWrite,
} from '@streamscope/db';
import { autoTrackQuery, gameHashtag } from '@streamscope/ingestion';
import { parseXQuery, TwitchWorld, XWorld, type XQueryNode, type XSimPost } from '@streamscope/simulator';
import { HOUR } from './dataset';
import { log } from './stats';

/** Tracked queries in the dataset: the top games of the Twitch history first, then fixed topic queries. */
export const X_QUERIES = 20;
/** At most this many of them follow a game (auto-tracked, linked by game_id). */
export const X_GAME_QUERIES = 12;
/**
 * Posts stored per query per day at most, spread evenly over the day's matching posts: the
 * worker's search sample, not the volume (volume is the hourly counts, which count every match).
 */
export const X_SAMPLE_PER_QUERY_DAY = 200;

/** Topic queries tracked by hand, in the grammar the X client validates (words the simulated posts use). */
const TOPIC_QUERIES: ReadonlyArray<{ name: string; query: string }> = [
  { name: 'esports', query: '#esports -is:retweet' },
  { name: 'Twitch', query: '#Twitch' },
  { name: 'clips', query: '#clips OR "clip of the day"' },
  { name: 'Microsoft', query: '$MSFT' },
  { name: 'ranked (en)', query: 'ranked lang:en' },
  { name: 'gaming (ja)', query: '#gaming lang:ja' },
  { name: 'patch notes', query: '"patch notes" -is:retweet' },
  { name: 'streamer replies', query: '#TwitchStreamers is:reply' },
  { name: 'streamer', query: '#streamer' },
  { name: 'queue times', query: 'queue' },
  { name: 'Electronic Arts', query: '$EA' },
  { name: 'Take-Two', query: '$TTWO' },
];

export interface XDataset {
  queries: number;
  /** Queries linked to a game of the Twitch history (auto-tracked). */
  gameQueries: number;
  hours: number;
  /** Every post matching some query (what the hourly counts add up to, summed over queries). */
  matches: number;
  samplePerQueryDay: number;
  rows: { counts: number; posts: number; postQueries: number; entities: number; metrics: number; authors: number };
  /** Simulating the X world (on the critical path only when it outruns the writes). */
  generateSeconds: number;
  totalSeconds: number;
}

interface Tracked {
  q: TrackedQuery;
  ast: XQueryNode;
}

interface DayBatch {
  end: Date;
  perQuery: Array<{ sample: XSimPost[]; newestId: string | null }>;
}

/** Games ranked by hours watched over the loaded history: the games auto-tracking would follow. */
async function topGames(db: Database, from: Date, to: Date, limit: number): Promise<Array<{ gameId: string; name: string }>> {
  return db.query<{ gameId: string; name: string }>(
    `SELECT h.game_id::text AS "gameId", g.name FROM twitch_games_hourly h JOIN twitch_games g USING (game_id)
      WHERE h.bucket >= $1 AND h.bucket < $2 AND h.game_id <> 0
      GROUP BY h.game_id, g.name ORDER BY sum(h.viewer_seconds) DESC, h.game_id LIMIT $3`,
    [from.toISOString(), to.toISOString(), limit],
  );
}

/** Creates the tracked queries through XQueryRepository, the way auto-tracking and an operator would. */
async function trackQueries(db: Database, from: Date, to: Date): Promise<{ tracked: Tracked[]; gameQueries: number }> {
  const repo = new XQueryRepository(db);
  const games = await topGames(db, from, to, X_GAME_QUERIES);
  const targets = games.flatMap((g) => {
    const query = autoTrackQuery(g.name, gameHashtag(g.gameId, g.name, true));
    return query ? [{ gameId: g.gameId, name: g.name, query }] : [];
  });
  const auto = await repo.syncAutoTracked(targets, from);
  for (const t of TOPIC_QUERIES.slice(0, X_QUERIES - auto.created.length)) await repo.insert({ name: t.name, query: t.query, origin: 'config' });
  const tracked = (await repo.list()).map((q) => {
    const parsed = parseXQuery(q.query);
    if (!parsed.ok) throw new Error(`x dataset: query ${JSON.stringify(q.query)} does not parse: ${parsed.message}`);
    return { q, ast: parsed.ast };
  });
  return { tracked, gameQueries: auto.created.length };
}

/** Up to `cap` posts spread evenly over `all` (ascending), so the sample covers the whole day. */
function spread<T>(all: T[], cap: number): T[] {
  if (all.length <= cap) return all;
  return Array.from({ length: cap }, (_, i) => all[Math.floor((i * all.length) / cap)]!);
}

/** A simulated post as the X client normalizes it (XClient.normalizePost), metrics as of `at`. */
function toPostWrite(world: XWorld, p: XSimPost, at: Date): XPostWrite {
  const e = p.entities;
  const fold = (v: string[]) => [...new Set(v.map((x) => x.toLowerCase()))];
  return {
    id: p.id,
    createdAt: new Date(p.createdAt),
    authorId: p.authorId,
    lang: p.lang,
    text: p.text,
    kind: p.kind,
    conversationId: p.conversationId,
    metrics: world.metricsAt(p, at.getTime()),
    hashtags: fold(e.hashtags.map((h) => h.tag)),
    mentions: fold(e.mentions.map((m) => m.username)),
    urls: fold(e.urls.map((u) => u.expanded_url)),
    cashtags: fold(e.cashtags.map((c) => c.tag)),
  };
}

function authorsOf(world: XWorld, posts: XSimPost[]): XAuthorWrite[] {
  const byIdx = new Map<number, XAuthorWrite>();
  for (const p of posts) {
    if (byIdx.has(p.authorIdx)) continue;
    const u = world.user(p.authorIdx);
    byIdx.set(p.authorIdx, {
      id: u.id,
      username: u.username,
      name: u.name,
      followers: u.public_metrics.followers_count,
      following: u.public_metrics.following_count,
      posts: u.public_metrics.tweet_count,
      verified: u.verified,
    });
  }
  return [...byIdx.values()];
}

/**
 * The X part of history-30d: `X_QUERIES` tracked queries (the history's top games through
 * auto-tracking's own query builder, then topic queries), every hour's count of matching posts
 * from the simulator's XWorld tied to the same Twitch world (XCountsRepository.upsert, as the
 * counts job), and per query and day a sample of at most X_SAMPLE_PER_QUERY_DAY posts with
 * authors, entities and a metrics snapshot taken at the day's end (XPostRepository.writeSearchResult,
 * as the search job), plus a second snapshot a day later (appendMetrics, as the metrics job).
 * Deterministic from the seed and the range. The next day is simulated while the current one is written.
 */
export async function loadXHistory(db: Database, opts: { seed: number; channels: number; from: Date; to: Date }): Promise<XDataset> {
  if (opts.from.getTime() % HOUR !== 0 || opts.to.getTime() % HOUR !== 0) throw new Error('x dataset: range must start and end on whole hours');
  const t0 = performance.now();
  const world = new XWorld(new TwitchWorld(opts.seed, opts.channels));
  const { tracked, gameQueries } = await trackQueries(db, opts.from, opts.to);
  const firstHour = opts.from.getTime() / HOUR;
  const hours = Math.round((opts.to.getTime() - opts.from.getTime()) / HOUR);
  const days = Math.ceil(hours / 24);
  const counts = tracked.map(() => new Int32Array(hours));
  let matches = 0;
  let generateMs = 0;

  const simulateDay = async (d: number): Promise<DayBatch> => {
    const endHour = Math.min(hours, (d + 1) * 24);
    const perDay: XSimPost[][] = tracked.map(() => []);
    for (let h = d * 24; h < endHour; h++) {
      // Yield between hours so the pending writes of the previous day make progress meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      const g0 = performance.now();
      for (const [i, t] of tracked.entries()) {
        const found = world.matchingInHour(t.q.query, t.ast, firstHour + h);
        counts[i]![h] = found.length;
        matches += found.length;
        for (const p of found) perDay[i]!.push(p);
      }
      generateMs += performance.now() - g0;
    }
    return {
      end: new Date(opts.from.getTime() + endHour * HOUR),
      perQuery: perDay.map((all) => ({ sample: spread(all, X_SAMPLE_PER_QUERY_DAY), newestId: all.at(-1)?.id ?? null })),
    };
  };

  const posts = new XPostRepository(db);
  let previous: XSimPost[] = [];
  let next = await simulateDay(0);
  for (let d = 0; d < days; d++) {
    const day = next;
    const writing = (async () => {
      for (const [i, t] of tracked.entries()) {
        const { sample, newestId } = day.perQuery[i]!;
        await posts.writeSearchResult({
          queryId: t.q.queryId,
          posts: sample.map((p) => toPostWrite(world, p, day.end)),
          authors: authorsOf(world, sample),
          newestId,
          ts: day.end,
        });
      }
      // The metrics job's refresh of the previous day's sample (posts shared by queries once).
      const seen = new Map(previous.map((p) => [p.id, p]));
      await posts.appendMetrics(day.end, [...seen.values()].map((p) => ({ postId: p.id, metrics: world.metricsAt(p, day.end.getTime()) })));
      previous = day.perQuery.flatMap((q) => q.sample);
    })();
    // Simulate the next day while this one is written (interleaved hour by hour).
    const [, simulated] = await Promise.all([writing, d + 1 < days ? simulateDay(d + 1) : null]);
    if (simulated) next = simulated;
  }

  const countsRepo = new XCountsRepository(db);
  for (const [i, t] of tracked.entries()) {
    const buckets = Array.from(counts[i]!, (count, h) => ({ start: new Date(opts.from.getTime() + h * HOUR), count }));
    await countsRepo.upsert(t.q.queryId, 'hour', buckets, opts.to);
  }
  await db.query('ANALYZE x_counts, x_posts, x_post_queries, x_post_entities, x_post_metrics, x_authors, x_tracked_queries');
  const [r] = await db.query<XDataset['rows']>(
    `SELECT (SELECT count(*) FROM x_counts)::int AS counts, (SELECT count(*) FROM x_posts)::int AS posts,
            (SELECT count(*) FROM x_post_queries)::int AS "postQueries", (SELECT count(*) FROM x_post_entities)::int AS entities,
            (SELECT count(*) FROM x_post_metrics)::int AS metrics, (SELECT count(*) FROM x_authors)::int AS authors`,
  );
  const out: XDataset = {
    queries: tracked.length,
    gameQueries,
    hours,
    matches,
    samplePerQueryDay: X_SAMPLE_PER_QUERY_DAY,
    rows: r!,
    generateSeconds: generateMs / 1000,
    totalSeconds: (performance.now() - t0) / 1000,
  };
  log(`history X: ${describeX(out)}`);
  return out;
}

/** One line for the report's dataset list. */
export function describeX(x: XDataset): string {
  const rows = x.rows;
  return (
    `${x.queries} tracked queries (${x.gameQueries} auto-tracked for the history's top games), ${x.hours.toLocaleString('en-US')} hourly counts each ` +
    `(${x.matches.toLocaleString('en-US')} matching posts in all); sample of ≤ ${x.samplePerQueryDay} posts per query per day: ` +
    `${rows.posts.toLocaleString('en-US')} posts, ${rows.postQueries.toLocaleString('en-US')} query links, ${rows.entities.toLocaleString('en-US')} entities, ` +
    `${rows.metrics.toLocaleString('en-US')} metrics snapshots, ${rows.authors.toLocaleString('en-US')} authors; ` +
    `loaded through the X repositories in ${x.totalSeconds.toFixed(1)} s (simulation ${x.generateSeconds.toFixed(1)} s of it)`
  );
}
