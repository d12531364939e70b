-- volumeSeries 1h
SELECT date_bin($3::interval, bucket_start, $4::timestamptz) AS "bucketStart", query_id::text AS "queryId", sum(post_count)::bigint AS posts
         FROM x_counts
        WHERE granularity = 'hour' AND query_id = ANY($5::bigint[]) AND bucket_start >= $1 AND bucket_start < $2
        GROUP BY 1, 2 ORDER BY 1, 2;

-- volumeTotals
SELECT query_id::text AS "queryId", sum(post_count)::bigint AS posts
         FROM x_counts
        WHERE granularity = 'hour' AND query_id = ANY($3::bigint[]) AND bucket_start >= $1 AND bucket_start < $2
        GROUP BY 1;

-- postRate
SELECT coalesce(sum(post_count), 0)::bigint AS posts, count(DISTINCT bucket_start)::int AS "hoursCovered"
         FROM x_counts
        WHERE granularity = 'hour' AND query_id = ANY($3::bigint[])
          AND bucket_start >= $1::timestamptz AND bucket_start <= $2::timestamptz - interval '1 hour';
