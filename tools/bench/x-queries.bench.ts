import type { Database } from '@streamscope/db';
import { gql } from './api-server';
import { DAY } from './dataset';
import { schemaProblems, WARMUP } from './queries.bench';
import { percentile, round, sample } from './stats';

interface Way {
  p50: number;
  p95: number;
  runs: number;
}

/** An extra, reported-only row of figure 3 (no goal): one X read, API against hand SQL. */
export interface XQueryResult {
  name: string;
  queryId: string;
  query: string;
  /** Game the query follows, when it is auto-tracked (the cross-platform case). */
  gameId: string | null;
  api: Way | null;
  apiNote: string | null;
  sql: Way;
  apiOverSql: number | null;
  /** Posts in the range, the same by both ways (checked before timing). */
  posts: number;
}

const way = (ms: number[]): Way => ({ p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), runs: ms.length });

const XVOLUME = `query($from: DateTime!, $to: DateTime!, $q: ID!) { xVolume(from: $from, to: $to, queryIds: [$q], bucket: HOUR, maxPoints: 2000) {
  timestamps series { queryId posts previousTotal change } } }`;

// The stored hourly level is the finest and only level of X volume, so it is both the rollup and the raw side.
const XVOLUME_SQL = `SELECT bucket_start, post_count,
       (SELECT coalesce(sum(post_count), 0) FROM x_counts
         WHERE query_id = $1::bigint AND granularity = 'hour' AND bucket_start >= $4 AND bucket_start < $2) AS previous_total
  FROM x_counts WHERE query_id = $1::bigint AND granularity = 'hour' AND bucket_start >= $2 AND bucket_start < $3
 ORDER BY bucket_start`;

/**
 * xVolume, 30 days hourly, for the tracked query of the history's busiest game (so the X series
 * sits beside the Twitch figures' game), through the API and as one hand-written statement.
 */
export async function benchXVolume(opts: { db: Database; apiUrl: string; to: Date; gameId: string | null; runs: number }): Promise<XQueryResult> {
  const picked = await opts.db.query<{ queryId: string; query: string; gameId: string | null }>(
    `SELECT query_id::text AS "queryId", query, game_id::text AS "gameId" FROM x_tracked_queries
      WHERE state = 'active' ORDER BY (game_id = $1::bigint) IS TRUE DESC, query_id LIMIT 1`,
    [opts.gameId],
  );
  const q = picked[0];
  if (!q) throw new Error('history dataset has no tracked X queries');
  const to = opts.to.toISOString();
  const from = new Date(opts.to.getTime() - 30 * DAY).toISOString();
  const prev = new Date(opts.to.getTime() - 60 * DAY).toISOString();
  const params = [q.queryId, from, to, prev];
  const rows = await opts.db.query<{ post_count: number }>(XVOLUME_SQL, params);
  const posts = rows.reduce((s, r) => s + r.post_count, 0);

  const [problem] = await schemaProblems(opts.apiUrl, [XVOLUME]);
  let api: Way | null = null;
  let apiNote: string | null = problem ? `not available: ${problem}` : null;
  if (!problem) {
    const vars = { from, to, q: q.queryId };
    try {
      const first = await gql<{ xVolume: { series: Array<{ posts: Array<number | null> }> } }>(opts.apiUrl, XVOLUME, vars);
      const apiPosts = (first.xVolume.series[0]?.posts ?? []).reduce<number>((s, p) => s + (p ?? 0), 0);
      if (apiPosts !== posts) throw new Error(`xVolume answered ${apiPosts} posts, the hand SQL ${posts}`);
      api = way(await sample(() => gql(opts.apiUrl, XVOLUME, vars), opts.runs, WARMUP));
    } catch (err) {
      apiNote = `failed: ${(err as Error).message.slice(0, 300)}`;
    }
  }
  const sql = way(await sample(() => opts.db.query(XVOLUME_SQL, params), opts.runs, WARMUP));
  return {
    name: 'X volume of one tracked query, 30d hourly (xVolume)',
    queryId: q.queryId,
    query: q.query,
    gameId: q.gameId,
    api,
    apiNote,
    sql,
    apiOverSql: api ? round(api.p50 / sql.p50) : null,
    posts,
  };
}
