import type { Bucket } from '@streamscope/shared';
import type { Database } from '../database/types';
import { planBuckets } from './bucket-plan';

export interface XVolumeRow {
  bucketStart: Date;
  queryId: string;
  posts: number;
}

export interface XEngagementSummary {
  samplePosts: number;
  uniqueAuthors: number;
  /** Likes + reposts + replies + quotes at each post's latest metrics snapshot. */
  engagement: number;
}

export interface XEntityCount {
  value: string;
  posts: number;
}

export interface XAuthorRank {
  authorId: string;
  username: string | null;
  name: string | null;
  followers: number | null;
  posts: number;
  engagement: number;
}

export interface XPostRateRow {
  /** Posts (counts endpoint) over the whole hours inside the range. */
  posts: number;
  /** Whole hours inside the range with a stored count for at least one of the queries. */
  hoursCovered: number;
}

export type XEntityKind = 'hashtag' | 'mention' | 'url' | 'cashtag';

/** The sampled posts of one query in a range, and each post's latest engagement. */
const SAMPLE_CTE = `
  posts AS (
    SELECT p.post_id, p.author_id
      FROM x_post_queries q JOIN x_posts p ON p.post_id = q.post_id
     WHERE q.query_id = $1::bigint AND p.created_at >= $2::timestamptz AND p.created_at < $3::timestamptz),
  latest AS (
    SELECT DISTINCT ON (m.post_id) m.post_id, (m.likes + m.reposts + m.replies + m.quotes)::bigint AS engagement
      FROM x_post_metrics m JOIN posts ON posts.post_id = m.post_id
     ORDER BY m.post_id, m.ts DESC)`;

/**
 * X aggregates. Volume comes from the counts endpoint (every matching post, hourly rows), never
 * from the stored sample; engagement, authors and entities describe the sample.
 */
export class XAnalyticsRepository {
  constructor(private readonly db: Database) {}

  /** Posts per bucket and query from hourly counts; buckets of an hour or more. */
  async volumeSeries(q: { queryIds: string[]; from: Date; to: Date; bucket: Bucket; timeZone: string }): Promise<XVolumeRow[]> {
    const plan = planBuckets(q.bucket, q.timeZone, q.from, q.to);
    const rows = await this.db.query<{ bucketStart: Date; queryId: string; posts: string }>(
      `SELECT ${plan.bucketSql('bucket_start')} AS "bucketStart", query_id::text AS "queryId", sum(post_count)::bigint AS posts
         FROM x_counts
        WHERE granularity = 'hour' AND query_id = ANY($5::bigint[]) AND bucket_start >= $1 AND bucket_start < $2
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [q.from.toISOString(), q.to.toISOString(), ...plan.params, q.queryIds],
    );
    return rows.map((r) => ({ bucketStart: new Date(r.bucketStart), queryId: r.queryId, posts: Number(r.posts) }));
  }

  /** Total posts per query over a range (share of voice, period comparison). */
  async volumeTotals(q: { queryIds: string[]; from: Date; to: Date }): Promise<Map<string, number>> {
    const rows = await this.db.query<{ queryId: string; posts: string }>(
      `SELECT query_id::text AS "queryId", sum(post_count)::bigint AS posts
         FROM x_counts
        WHERE granularity = 'hour' AND query_id = ANY($3::bigint[]) AND bucket_start >= $1 AND bucket_start < $2
        GROUP BY 1`,
      [q.from.toISOString(), q.to.toISOString(), q.queryIds],
    );
    return new Map(rows.map((r) => [r.queryId, Number(r.posts)]));
  }

  /**
   * Posts of the given queries over the whole hours inside a range, and how many of those hours
   * have a stored count. The hour still filling (or cut by the range end) is left out so it
   * neither dilutes nor inflates the rate.
   */
  async postRate(q: { queryIds: string[]; from: Date; to: Date }): Promise<XPostRateRow> {
    const rows = await this.db.query<{ posts: string; hoursCovered: number }>(
      `SELECT coalesce(sum(post_count), 0)::bigint AS posts, count(DISTINCT bucket_start)::int AS "hoursCovered"
         FROM x_counts
        WHERE granularity = 'hour' AND query_id = ANY($3::bigint[])
          AND bucket_start >= $1::timestamptz AND bucket_start <= $2::timestamptz - interval '1 hour'`,
      [q.from.toISOString(), q.to.toISOString(), q.queryIds],
    );
    return { posts: Number(rows[0]?.posts ?? 0), hoursCovered: rows[0]?.hoursCovered ?? 0 };
  }

  async engagementSummary(q: { queryId: string; from: Date; to: Date }): Promise<XEngagementSummary> {
    const rows = await this.db.query<{ samplePosts: number; uniqueAuthors: number; engagement: string }>(
      `WITH ${SAMPLE_CTE}
       SELECT count(*)::int AS "samplePosts", count(DISTINCT posts.author_id)::int AS "uniqueAuthors",
              coalesce(sum(latest.engagement), 0)::bigint AS engagement
         FROM posts LEFT JOIN latest ON latest.post_id = posts.post_id`,
      [q.queryId, q.from.toISOString(), q.to.toISOString()],
    );
    const r = rows[0];
    return { samplePosts: r?.samplePosts ?? 0, uniqueAuthors: r?.uniqueAuthors ?? 0, engagement: Number(r?.engagement ?? 0) };
  }

  async topEntities(q: { queryId: string; kind: XEntityKind; from: Date; to: Date; limit: number }): Promise<XEntityCount[]> {
    return this.db.query<XEntityCount>(
      `SELECT e.value, count(*)::int AS posts
         FROM x_post_entities e JOIN x_post_queries q ON q.post_id = e.post_id
        WHERE q.query_id = $1::bigint AND e.kind = $4 AND e.created_at >= $2::timestamptz AND e.created_at < $3::timestamptz
        GROUP BY e.value ORDER BY posts DESC, e.value LIMIT $5`,
      [q.queryId, q.from.toISOString(), q.to.toISOString(), q.kind, q.limit],
    );
  }

  async topAuthors(q: { queryId: string; from: Date; to: Date; limit: number }): Promise<XAuthorRank[]> {
    const rows = await this.db.query<XAuthorRank & { engagement: string }>(
      `WITH ${SAMPLE_CTE}
       SELECT posts.author_id::text AS "authorId", a.username, a.name, a.followers, count(*)::int AS posts,
              coalesce(sum(latest.engagement), 0)::bigint AS engagement
         FROM posts LEFT JOIN latest ON latest.post_id = posts.post_id LEFT JOIN x_authors a ON a.author_id = posts.author_id
        WHERE posts.author_id IS NOT NULL
        GROUP BY 1, 2, 3, 4 ORDER BY posts DESC, engagement DESC, 1 LIMIT $4`,
      [q.queryId, q.from.toISOString(), q.to.toISOString(), q.limit],
    );
    return rows.map((r) => ({ ...r, engagement: Number(r.engagement) }));
  }
}
