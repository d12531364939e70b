-- rankKeys game by hours (daily)
WITH cur AS (SELECT r.game_id AS k, sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels" FROM twitch_games_daily r WHERE r.bucket >= $1 AND r.bucket < $2 AND r.game_id <> 0 GROUP BY 1),
            prev AS (SELECT r.game_id AS k, sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels" FROM twitch_games_daily r WHERE r.bucket >= $3 AND r.bucket < $1 AND r.game_id <> 0 GROUP BY 1),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY "viewerSeconds" DESC, k ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.k, row_number() OVER (ORDER BY "viewerSeconds" DESC, k ASC)::int AS rank FROM prev)
       SELECT (SELECT count(*)::int FROM rc) AS "totalCount",
              (SELECT sum(r.covered_seconds)::float8 FROM twitch_totals_daily r WHERE r.bucket >= $1 AND r.bucket < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.k::text AS key, rc.rank, rp.rank AS "previousRank",
                  rc."viewerSeconds", rc."channelSeconds", rc."peakViewers", rc."peakChannels"
             FROM rc LEFT JOIN rp ON rp.k = rc.k
            ORDER BY rc.rank
            LIMIT $4::int OFFSET $5::int) page ON true;

-- rankKeys game with names (daily)
WITH cur AS (SELECT r.game_id AS k, sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels" FROM twitch_games_daily r WHERE r.bucket >= $1 AND r.bucket < $2 AND r.game_id <> 0 GROUP BY 1),
            prev AS (SELECT r.game_id AS k, sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels" FROM twitch_games_daily r WHERE r.bucket >= $3 AND r.bucket < $1 AND r.game_id <> 0 GROUP BY 1),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY "viewerSeconds" DESC, k ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.k, row_number() OVER (ORDER BY "viewerSeconds" DESC, k ASC)::int AS rank FROM prev)
       SELECT (SELECT count(*)::int FROM rc) AS "totalCount",
              (SELECT sum(r.covered_seconds)::float8 FROM twitch_totals_daily r WHERE r.bucket >= $1 AND r.bucket < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.k::text AS key, rc.rank, rp.rank AS "previousRank", tg.name,
                  rc."viewerSeconds", rc."channelSeconds", rc."peakViewers", rc."peakChannels"
             FROM rc LEFT JOIN rp ON rp.k = rc.k LEFT JOIN twitch_games tg ON tg.game_id = rc.k
            ORDER BY rc.rank
            LIMIT $4::int OFFSET $5::int) page ON true;

-- rankKeys language of a game, exact peaks (raw)
WITH cur AS (SELECT r.language AS k, sum(r.viewers * r.sample_seconds)::float8 AS "viewerSeconds",
       sum(r.channels::bigint * r.sample_seconds)::float8 AS "channelSeconds",
       max(r.viewers)::float8 AS "peakViewers",
       max(r.channels)::float8 AS "peakChannels" FROM (SELECT r.ts, r.language, sum(r.viewers)::bigint AS viewers, sum(r.channels)::int AS channels,
                         max(r.sample_seconds) AS sample_seconds
                    FROM twitch_sweep_game_languages r
                   WHERE r.ts >= $1 AND r.ts < $2 AND r.game_id = ANY($4::bigint[])
                   GROUP BY r.ts, r.language) r GROUP BY 1),
            prev AS (SELECT r.language AS k, sum(r.viewers * r.sample_seconds)::float8 AS "viewerSeconds",
       sum(r.channels::bigint * r.sample_seconds)::float8 AS "channelSeconds",
       max(r.viewers)::float8 AS "peakViewers",
       max(r.channels)::float8 AS "peakChannels" FROM (SELECT r.ts, r.language, sum(r.viewers)::bigint AS viewers, sum(r.channels)::int AS channels,
                         max(r.sample_seconds) AS sample_seconds
                    FROM twitch_sweep_game_languages r
                   WHERE r.ts >= $3 AND r.ts < $1 AND r.game_id = ANY($4::bigint[])
                   GROUP BY r.ts, r.language) r GROUP BY 1),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY "peakViewers" DESC, k ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.k, row_number() OVER (ORDER BY "peakViewers" DESC, k ASC)::int AS rank FROM prev)
       SELECT (SELECT count(*)::int FROM rc) AS "totalCount",
              (SELECT sum(r.sample_seconds)::float8 FROM twitch_sweep_totals r WHERE r.ts >= $1 AND r.ts < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.k::text AS key, rc.rank, rp.rank AS "previousRank",
                  rc."viewerSeconds", rc."channelSeconds", rc."peakViewers", rc."peakChannels"
             FROM rc LEFT JOIN rp ON rp.k = rc.k
            ORDER BY rc.rank
            LIMIT $5::int OFFSET $6::int) page ON true;

-- keySeries game 1h (hourly)
SELECT date_bin($3::interval, r.bucket, $4::timestamptz) AS "bucketStart", sum(r.covered_seconds)::float8 AS "coveredSeconds", sum(r.sweeps)::int AS sweeps,
       sum(r.partial_sweeps)::int AS "partialSweeps"
         FROM twitch_totals_hourly r
        WHERE r.bucket >= $1 AND r.bucket < $2
        GROUP BY 1;

SELECT date_bin($3::interval, r.bucket, $4::timestamptz) AS "bucketStart", r.game_id::text AS key, sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"
         FROM twitch_games_hourly r WHERE r.bucket >= $1 AND r.bucket < $2 AND r.game_id = ANY($5::bigint[])
        GROUP BY 1, 2;

-- keySeries language 1d with game filter, exact peaks (raw)
SELECT date_trunc($3::text, r.ts, $4::text) AS "bucketStart", sum(r.sample_seconds)::float8 AS "coveredSeconds", count(*)::int AS sweeps,
       sum(CASE WHEN r.partial THEN 1 ELSE 0 END)::int AS "partialSweeps"
         FROM twitch_sweep_totals r
        WHERE r.ts >= $1 AND r.ts < $2
        GROUP BY 1;

SELECT date_trunc($3::text, r.ts, $4::text) AS "bucketStart", r.language::text AS key, sum(r.viewers * r.sample_seconds)::float8 AS "viewerSeconds",
       sum(r.channels::bigint * r.sample_seconds)::float8 AS "channelSeconds",
       max(r.viewers)::float8 AS "peakViewers",
       max(r.channels)::float8 AS "peakChannels"
         FROM (SELECT r.ts, r.language, sum(r.viewers)::bigint AS viewers, sum(r.channels)::int AS channels,
                         max(r.sample_seconds) AS sample_seconds
                    FROM twitch_sweep_game_languages r
                   WHERE r.ts >= $1 AND r.ts < $2 AND r.game_id = ANY($5::bigint[]) AND r.language = ANY($6::text[])
                   GROUP BY r.ts, r.language) r
        GROUP BY 1, 2;

-- universeSums 1h (hourly)
SELECT date_bin($3::interval, r.bucket, $4::timestamptz) AS "bucketStart", sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"
         FROM twitch_totals_hourly r
        WHERE r.bucket >= $1 AND r.bucket < $2
        GROUP BY 1;

-- universeSums 1d with language filter (daily)
SELECT date_trunc($3::text, r.bucket, $4::text) AS "bucketStart", sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"
         FROM twitch_game_languages_daily r
        WHERE r.bucket >= $1 AND r.bucket < $2 AND r.language = ANY($5::text[])
        GROUP BY 1;

-- otherPeaks game 6h
SELECT date_bin($3::interval, t.ts, $4::timestamptz) AS "bucketStart",
              max(coalesce(u.v, 0) - coalesce(u.kv, 0))::float8 AS "peakViewers",
              max(coalesce(u.c, 0) - coalesce(u.kc, 0))::float8 AS "peakChannels"
         FROM twitch_sweep_totals t
         LEFT JOIN (SELECT r.ts, sum(r.viewers) AS v, sum(r.channels) AS c,
                           sum(r.viewers) FILTER (WHERE r.game_id = ANY($5::bigint[])) AS kv, sum(r.channels) FILTER (WHERE r.game_id = ANY($5::bigint[])) AS kc
                      FROM twitch_sweep_games r
                     WHERE r.ts >= $1 AND r.ts < $2
                     GROUP BY r.ts) u ON u.ts = t.ts
        WHERE t.ts >= $1 AND t.ts < $2
        GROUP BY 1;

-- topChannels hour-aligned (hourly)
WITH cur AS (SELECT channel_id, sum(viewer_seconds) AS viewer_seconds, max(peak_viewers) AS peak_viewers, sum(streamed_seconds) AS streamed_seconds
             FROM (SELECT r.channel_id, r.viewer_seconds::float8 AS viewer_seconds, r.peak_viewers::float8 AS peak_viewers,
              r.streamed_seconds::float8 AS streamed_seconds
         FROM twitch_channels_hourly r WHERE r.bucket >= $1 AND r.bucket < $2 UNION ALL SELECT r.channel_id, sum(r.viewers::bigint * r.sample_seconds)::float8 AS viewer_seconds, max(r.viewers)::float8 AS peak_viewers,
              sum(r.sample_seconds)::float8 AS streamed_seconds
         FROM twitch_stream_snapshots r WHERE r.ts >= $1 AND r.ts < $2 AND r.ts IN (SELECT w.ts FROM twitch_sweeps w WHERE NOT w.folded AND w.ts >= $1 AND w.ts < $2) GROUP BY 1) r GROUP BY 1),
            prev AS (SELECT channel_id, sum(viewer_seconds) AS viewer_seconds, max(peak_viewers) AS peak_viewers, sum(streamed_seconds) AS streamed_seconds
             FROM (SELECT r.channel_id, r.viewer_seconds::float8 AS viewer_seconds, r.peak_viewers::float8 AS peak_viewers,
              r.streamed_seconds::float8 AS streamed_seconds
         FROM twitch_channels_hourly r WHERE r.bucket >= $3 AND r.bucket < $1 UNION ALL SELECT r.channel_id, sum(r.viewers::bigint * r.sample_seconds)::float8 AS viewer_seconds, max(r.viewers)::float8 AS peak_viewers,
              sum(r.sample_seconds)::float8 AS streamed_seconds
         FROM twitch_stream_snapshots r WHERE r.ts >= $3 AND r.ts < $1 AND r.ts IN (SELECT w.ts FROM twitch_sweeps w WHERE NOT w.folded AND w.ts >= $3 AND w.ts < $1) GROUP BY 1) r GROUP BY 1),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY viewer_seconds DESC, channel_id ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.channel_id, row_number() OVER (ORDER BY viewer_seconds DESC, channel_id ASC)::int AS rank FROM prev)
       SELECT (SELECT count(*)::int FROM rc) AS "totalCount",
              (SELECT sum(t.sample_seconds)::float8 FROM twitch_sweep_totals t WHERE t.ts >= $1 AND t.ts < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.channel_id::text AS "channelId", c.login, c.display_name AS "displayName", rc.rank, rp.rank AS "previousRank",
                  rc.viewer_seconds AS "viewerSeconds", rc.streamed_seconds AS "streamedSeconds", rc.peak_viewers AS "peakViewers"
             FROM rc LEFT JOIN rp ON rp.channel_id = rc.channel_id
             LEFT JOIN twitch_channels c ON c.channel_id = rc.channel_id
            ORDER BY rc.rank
            LIMIT $4::int OFFSET $5::int) page ON true;

-- topChannels ragged in a game (raw)
WITH cur AS (SELECT r.channel_id, sum(r.viewers::bigint * r.sample_seconds)::float8 AS viewer_seconds, max(r.viewers)::float8 AS peak_viewers,
              sum(r.sample_seconds)::float8 AS streamed_seconds
         FROM twitch_stream_snapshots r WHERE r.ts >= $1 AND r.ts < $2 AND r.game_id = $4::bigint GROUP BY 1),
            prev AS (SELECT r.channel_id, sum(r.viewers::bigint * r.sample_seconds)::float8 AS viewer_seconds, max(r.viewers)::float8 AS peak_viewers,
              sum(r.sample_seconds)::float8 AS streamed_seconds
         FROM twitch_stream_snapshots r WHERE r.ts >= $3 AND r.ts < $1 AND r.game_id = $4::bigint GROUP BY 1),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY peak_viewers DESC, channel_id ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.channel_id, row_number() OVER (ORDER BY peak_viewers DESC, channel_id ASC)::int AS rank FROM prev)
       SELECT (SELECT count(*)::int FROM rc) AS "totalCount",
              (SELECT sum(t.sample_seconds)::float8 FROM twitch_sweep_totals t WHERE t.ts >= $1 AND t.ts < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.channel_id::text AS "channelId", c.login, c.display_name AS "displayName", rc.rank, rp.rank AS "previousRank",
                  rc.viewer_seconds AS "viewerSeconds", rc.streamed_seconds AS "streamedSeconds", rc.peak_viewers AS "peakViewers"
             FROM rc LEFT JOIN rp ON rp.channel_id = rc.channel_id
             LEFT JOIN twitch_channels c ON c.channel_id = rc.channel_id
            ORDER BY rc.rank
            LIMIT $5::int OFFSET $6::int) page ON true;

-- topChannels matching a search (hourly)
WITH cur AS (SELECT channel_id, sum(viewer_seconds) AS viewer_seconds, max(peak_viewers) AS peak_viewers, sum(streamed_seconds) AS streamed_seconds
             FROM (SELECT r.channel_id, r.viewer_seconds::float8 AS viewer_seconds, r.peak_viewers::float8 AS peak_viewers,
              r.streamed_seconds::float8 AS streamed_seconds
         FROM twitch_channels_hourly r WHERE r.bucket >= $1 AND r.bucket < $2 UNION ALL SELECT r.channel_id, sum(r.viewers::bigint * r.sample_seconds)::float8 AS viewer_seconds, max(r.viewers)::float8 AS peak_viewers,
              sum(r.sample_seconds)::float8 AS streamed_seconds
         FROM twitch_stream_snapshots r WHERE r.ts >= $1 AND r.ts < $2 AND r.ts IN (SELECT w.ts FROM twitch_sweeps w WHERE NOT w.folded AND w.ts >= $1 AND w.ts < $2) GROUP BY 1) r GROUP BY 1),
            prev AS (SELECT channel_id, sum(viewer_seconds) AS viewer_seconds, max(peak_viewers) AS peak_viewers, sum(streamed_seconds) AS streamed_seconds
             FROM (SELECT r.channel_id, r.viewer_seconds::float8 AS viewer_seconds, r.peak_viewers::float8 AS peak_viewers,
              r.streamed_seconds::float8 AS streamed_seconds
         FROM twitch_channels_hourly r WHERE r.bucket >= $3 AND r.bucket < $1 UNION ALL SELECT r.channel_id, sum(r.viewers::bigint * r.sample_seconds)::float8 AS viewer_seconds, max(r.viewers)::float8 AS peak_viewers,
              sum(r.sample_seconds)::float8 AS streamed_seconds
         FROM twitch_stream_snapshots r WHERE r.ts >= $3 AND r.ts < $1 AND r.ts IN (SELECT w.ts FROM twitch_sweeps w WHERE NOT w.folded AND w.ts >= $3 AND w.ts < $1) GROUP BY 1) r GROUP BY 1),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY viewer_seconds DESC, channel_id ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.channel_id, row_number() OVER (ORDER BY viewer_seconds DESC, channel_id ASC)::int AS rank FROM prev),
            rf AS (SELECT rc.* FROM rc JOIN twitch_channels c ON c.channel_id = rc.channel_id
                    WHERE c.login ILIKE $4::text ESCAPE '\' OR c.display_name ILIKE $4::text ESCAPE '\')
       SELECT (SELECT count(*)::int FROM rf) AS "totalCount",
              (SELECT sum(t.sample_seconds)::float8 FROM twitch_sweep_totals t WHERE t.ts >= $1 AND t.ts < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.channel_id::text AS "channelId", c.login, c.display_name AS "displayName", rc.rank, rp.rank AS "previousRank",
                  rc.viewer_seconds AS "viewerSeconds", rc.streamed_seconds AS "streamedSeconds", rc.peak_viewers AS "peakViewers"
             FROM rf rc LEFT JOIN rp ON rp.channel_id = rc.channel_id
             LEFT JOIN twitch_channels c ON c.channel_id = rc.channel_id
            ORDER BY rc.rank
            LIMIT $5::int OFFSET $6::int) page ON true;

-- game
SELECT game_id::text AS "gameId", name, box_art_url AS "boxArtUrl" FROM twitch_games WHERE game_id = $1::bigint;

-- channel by login
SELECT channel_id::text AS "channelId", login, display_name AS "displayName" FROM twitch_channels WHERE lower(login) = lower($1::text) ORDER BY updated_at DESC LIMIT 1;

-- sessions
WITH c AS (
           SELECT s.*, coalesce(lead(s.started_at) OVER (ORDER BY s.started_at, s.stream_id), 'infinity'::timestamptz) AS next_start
             FROM twitch_streams s WHERE s.channel_id = $1::bigint)
       SELECT c.stream_id::text AS "streamId", c.started_at AS "startedAt",
              coalesce(agg.ended, c.last_seen_at) AS "endedAt",
              c.title, agg.average AS "averageViewers", agg.peak AS "peakViewers", agg.snapshots,
              ARRAY(SELECT coalesce(g.name, 'Game ' || u.id::text)
                      FROM unnest(c.games) WITH ORDINALITY AS u(id, o)
                      LEFT JOIN twitch_games g ON g.game_id = u.id
                     ORDER BY u.o) AS "gamesPlayed"
         FROM c
         LEFT JOIN LATERAL (
           SELECT (sum(x.viewers::bigint * x.sample_seconds)::float8 / nullif(sum(x.sample_seconds), 0)) AS average,
                  max(x.viewers)::float8 AS peak, count(*)::int AS snapshots,
                  max(x.ts + make_interval(secs => x.sample_seconds)) AS ended
             FROM twitch_stream_snapshots x
            WHERE x.channel_id = c.channel_id AND x.stream_id = c.stream_id
              AND x.ts >= c.started_at AND x.ts <= GREATEST(c.last_seen_at, c.next_start)) agg ON true
        WHERE c.started_at < $3 AND GREATEST(c.last_seen_at + INTERVAL '1 day', c.next_start) > $2
          AND coalesce(agg.ended, c.last_seen_at) > $2
        ORDER BY c.started_at DESC, c.stream_id DESC
        LIMIT $4::int;

-- heatmap
SELECT (extract(isodow FROM t.ts AT TIME ZONE $3::text)::int - 1) AS weekday,
              extract(hour FROM t.ts AT TIME ZONE $3::text)::int AS hour,
              count(*)::int AS sweeps,
              sum(CASE WHEN $4::bigint IS NULL THEN t.viewers ELSE coalesce(g.viewers, 0) END)::float8 AS viewers,
              sum(CASE WHEN $4::bigint IS NULL THEN t.channels ELSE coalesce(g.channels, 0) END)::float8 AS channels
         FROM twitch_sweep_totals t
         LEFT JOIN twitch_sweep_games g ON g.ts = t.ts AND g.game_id = $4::bigint
        WHERE t.ts >= $1 AND t.ts < $2
        GROUP BY 1, 2
        ORDER BY 1, 2;

-- lastSuccessPerJob
SELECT DISTINCT ON (job) id::text AS id, source, job, job_id AS "jobId", started_at AS "startedAt", finished_at AS "finishedAt",
  status, api_calls AS "apiCalls", pages, rows_written::float8 AS "rowsWritten", duplicates_dropped AS "duplicatesDropped",
  rate_limit_remaining AS "rateLimitRemaining", cost_units AS "costUnits", error FROM ingestion_runs WHERE status = 'succeeded' ORDER BY job, started_at DESC, id DESC;

-- latestRateLimit
SELECT rate_limit_remaining AS remaining, coalesce(finished_at, started_at) AS at FROM ingestion_runs
        WHERE source = $1 AND rate_limit_remaining IS NOT NULL AND finished_at IS NOT NULL
        ORDER BY finished_at DESC, id DESC LIMIT 1;
