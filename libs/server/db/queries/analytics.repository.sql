-- gameSeries 5m (raw)
WITH c AS (
         SELECT date_bin($3::interval, r.ts, $4::timestamptz) AS b, sum(r.sample_seconds)::float8 AS "coveredSeconds", count(*)::int AS sweeps,
       sum(CASE WHEN r.partial THEN 1 ELSE 0 END)::int AS "partialSweeps"
           FROM twitch_sweep_totals r
          WHERE r.ts >= $1 AND r.ts < $2
          GROUP BY 1),
       g AS (
         SELECT date_bin($3::interval, r.ts, $4::timestamptz) AS b, r.game_id::text AS "gameId", sum(r.viewers * r.sample_seconds)::float8 AS "viewerSeconds",
       sum(r.channels::bigint * r.sample_seconds)::float8 AS "channelSeconds",
       max(r.viewers)::float8 AS "peakViewers",
       max(r.channels)::float8 AS "peakChannels"
           FROM twitch_sweep_games r
          WHERE r.ts >= $1 AND r.ts < $2 AND r.game_id = ANY($5::bigint[])
          GROUP BY 1, 2)
       SELECT coalesce(c.b, g.b) AS "bucketStart", c.b IS NOT NULL AS covered,
              c."coveredSeconds", c.sweeps, c."partialSweeps",
              g."gameId", g."viewerSeconds", g."channelSeconds", g."peakViewers", g."peakChannels"
         FROM c FULL JOIN g ON g.b = c.b;

-- gameSeries 1h (hourly)
WITH c AS (
         SELECT date_bin($3::interval, r.bucket, $4::timestamptz) AS b, sum(r.covered_seconds)::float8 AS "coveredSeconds", sum(r.sweeps)::int AS sweeps,
       sum(r.partial_sweeps)::int AS "partialSweeps"
           FROM twitch_totals_hourly r
          WHERE r.bucket >= $1 AND r.bucket < $2
          GROUP BY 1),
       g AS (
         SELECT date_bin($3::interval, r.bucket, $4::timestamptz) AS b, r.game_id::text AS "gameId", sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"
           FROM twitch_games_hourly r
          WHERE r.bucket >= $1 AND r.bucket < $2 AND r.game_id = ANY($5::bigint[])
          GROUP BY 1, 2)
       SELECT coalesce(c.b, g.b) AS "bucketStart", c.b IS NOT NULL AS covered,
              c."coveredSeconds", c.sweeps, c."partialSweeps",
              g."gameId", g."viewerSeconds", g."channelSeconds", g."peakViewers", g."peakChannels"
         FROM c FULL JOIN g ON g.b = c.b;

-- gameSeries 1d UTC (daily)
WITH c AS (
         SELECT date_trunc($3::text, r.bucket, $4::text) AS b, sum(r.covered_seconds)::float8 AS "coveredSeconds", sum(r.sweeps)::int AS sweeps,
       sum(r.partial_sweeps)::int AS "partialSweeps"
           FROM twitch_totals_daily r
          WHERE r.bucket >= $1 AND r.bucket < $2
          GROUP BY 1),
       g AS (
         SELECT date_trunc($3::text, r.bucket, $4::text) AS b, r.game_id::text AS "gameId", sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"
           FROM twitch_games_daily r
          WHERE r.bucket >= $1 AND r.bucket < $2 AND r.game_id = ANY($5::bigint[])
          GROUP BY 1, 2)
       SELECT coalesce(c.b, g.b) AS "bucketStart", c.b IS NOT NULL AS covered,
              c."coveredSeconds", c.sweeps, c."partialSweeps",
              g."gameId", g."viewerSeconds", g."channelSeconds", g."peakViewers", g."peakChannels"
         FROM c FULL JOIN g ON g.b = c.b;

-- platformSeries 1w New York (hourly)
SELECT date_trunc($3::text, r.bucket, $4::text) AS "bucketStart", sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels", sum(r.covered_seconds)::float8 AS "coveredSeconds", sum(r.sweeps)::int AS sweeps,
       sum(r.partial_sweeps)::int AS "partialSweeps"
         FROM twitch_totals_hourly r
        WHERE r.bucket >= $1 AND r.bucket < $2
        GROUP BY 1;

-- topGames (daily)
WITH g AS (
         SELECT r.game_id, sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"
           FROM twitch_games_daily r
          WHERE r.bucket >= $1 AND r.bucket < $2 AND r.game_id <> 0
          GROUP BY r.game_id),
       cover AS (SELECT sum(r.covered_seconds)::float8 AS "coveredSeconds", sum(r.sweeps)::int AS sweeps,
       sum(r.partial_sweeps)::int AS "partialSweeps" FROM twitch_totals_daily r WHERE r.bucket >= $1 AND r.bucket < $2)
       SELECT cover."coveredSeconds", cover.sweeps, page.*
         FROM cover
         LEFT JOIN LATERAL (
           SELECT g.game_id::text AS "gameId", tg.name, g."viewerSeconds", g."channelSeconds", g."peakViewers", g."peakChannels"
             FROM g LEFT JOIN twitch_games tg ON tg.game_id = g.game_id
            ORDER BY g."viewerSeconds" DESC, g.game_id ASC
            LIMIT $3) page ON true
        ORDER BY page."viewerSeconds" DESC, page."gameId"::bigint ASC;
