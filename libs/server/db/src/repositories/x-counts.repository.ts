import type { Database } from '../database/types';

export type XCountGranularity = 'minute' | 'hour' | 'day';

export interface XCountBucketWrite {
  start: Date;
  count: number;
}

export interface XCountRow {
  bucketStart: Date;
  postCount: number;
}

/** Post volumes from the counts endpoint, one row per (query, granularity, bucket). */
export class XCountsRepository {
  constructor(private readonly db: Database) {}

  /** Upsert: a re-fetched bucket replaces the earlier (partial or late) value. Returns rows changed. */
  async upsert(queryId: string, granularity: XCountGranularity, buckets: XCountBucketWrite[], now: Date): Promise<number> {
    if (buckets.length === 0) return 0;
    for (const b of buckets) {
      if (!Number.isInteger(b.count) || b.count < 0) throw new Error(`x counts: count must be a non-negative integer, got ${b.count}`);
    }
    const rows = await this.db.query(
      `INSERT INTO x_counts (query_id, granularity, bucket_start, post_count, updated_at)
       SELECT $1::bigint, $2, u.s, u.c, $5::timestamptz FROM unnest($3::timestamptz[], $4::int[]) AS u(s, c)
       ON CONFLICT (query_id, granularity, bucket_start) DO UPDATE
         SET post_count = EXCLUDED.post_count, updated_at = EXCLUDED.updated_at
         WHERE x_counts.post_count IS DISTINCT FROM EXCLUDED.post_count
       RETURNING 1 AS ok`,
      [queryId, granularity, buckets.map((b) => b.start.toISOString()), buckets.map((b) => b.count), now.toISOString()],
    );
    return rows.length;
  }

  async series(queryId: string, granularity: XCountGranularity, from: Date, to: Date): Promise<XCountRow[]> {
    return this.db.query<XCountRow>(
      `SELECT bucket_start AS "bucketStart", post_count AS "postCount" FROM x_counts
        WHERE query_id = $1::bigint AND granularity = $2 AND bucket_start >= $3 AND bucket_start < $4
        ORDER BY bucket_start`,
      [queryId, granularity, from.toISOString(), to.toISOString()],
    );
  }

  async hasAny(queryId: string, granularity: XCountGranularity): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 AS ok FROM x_counts WHERE query_id = $1::bigint AND granularity = $2 LIMIT 1`, [queryId, granularity]);
    return rows.length > 0;
  }
}
