/** Base DDL shared by both dialects; dialect-specific storage is added in the migrations. */
export const TWITCH_TABLES: readonly string[] = [
  `CREATE TABLE twitch_sweeps (
    ts timestamptz PRIMARY KEY,
    sample_seconds int NOT NULL CHECK (sample_seconds > 0),
    status text NOT NULL CHECK (status IN ('complete', 'partial')),
    streams int NOT NULL,
    pages int NOT NULL,
    api_calls int NOT NULL,
    duplicates_dropped int NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL)`,
  `CREATE TABLE twitch_streams (
    stream_id bigint PRIMARY KEY,
    channel_id bigint NOT NULL,
    started_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    title text NOT NULL,
    tags text[] NOT NULL DEFAULT '{}',
    language text NOT NULL,
    peak_viewers int NOT NULL,
    games bigint[] NOT NULL DEFAULT '{}')
    WITH (fillfactor = 70)`,
  // Every sweep updates every live broadcast: free space per page and no index on last_seen_at
  // keep those updates HOT (no index writes). Migration 1732190000030 lowers the fillfactor to 50.
  `CREATE INDEX twitch_streams_channel_idx ON twitch_streams (channel_id, started_at DESC)`,
  `CREATE TABLE twitch_games (
    game_id bigint PRIMARY KEY,
    name text NOT NULL,
    box_art_url text,
    igdb_id text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    metadata_at timestamptz)`,
  `CREATE TABLE twitch_channels (
    channel_id bigint PRIMARY KEY,
    login text NOT NULL,
    display_name text NOT NULL,
    broadcaster_type text,
    description text,
    profile_image_url text,
    created_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    metadata_at timestamptz)`,
  `CREATE INDEX twitch_channels_metadata_idx ON twitch_channels (metadata_at NULLS FIRST)`,
  `CREATE TABLE twitch_top_games (
    ts timestamptz NOT NULL,
    rank int NOT NULL,
    game_id bigint NOT NULL,
    PRIMARY KEY (ts, rank))`,
  `CREATE TABLE twitch_sweep_totals (
    ts timestamptz NOT NULL PRIMARY KEY,
    sample_seconds int NOT NULL,
    viewers bigint NOT NULL,
    channels int NOT NULL,
    partial boolean NOT NULL)`,
  `CREATE TABLE twitch_sweep_games (
    ts timestamptz NOT NULL,
    game_id bigint NOT NULL,
    viewers bigint NOT NULL,
    channels int NOT NULL,
    sample_seconds int NOT NULL,
    partial boolean NOT NULL,
    PRIMARY KEY (ts, game_id))`,
  `CREATE INDEX twitch_sweep_games_game_idx ON twitch_sweep_games (game_id, ts)`,
  `CREATE TABLE twitch_sweep_languages (
    ts timestamptz NOT NULL,
    language text NOT NULL,
    viewers bigint NOT NULL,
    channels int NOT NULL,
    sample_seconds int NOT NULL,
    partial boolean NOT NULL,
    PRIMARY KEY (ts, language))`,
  `CREATE TABLE twitch_sweep_game_languages (
    ts timestamptz NOT NULL,
    game_id bigint NOT NULL,
    language text NOT NULL,
    viewers bigint NOT NULL,
    channels int NOT NULL,
    sample_seconds int NOT NULL,
    partial boolean NOT NULL,
    PRIMARY KEY (ts, game_id, language))`,
];

export const SNAPSHOT_COLUMNS = `
    ts timestamptz NOT NULL,
    stream_id bigint NOT NULL,
    channel_id bigint NOT NULL,
    game_id bigint NOT NULL,
    viewers int NOT NULL,
    language text NOT NULL,
    sample_seconds int NOT NULL,
    PRIMARY KEY (ts, stream_id)`;

export const X_TABLES: readonly string[] = [
  `CREATE TABLE x_tracked_queries (
    query_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query text NOT NULL UNIQUE,
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused')),
    game_id bigint,
    since_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    paused_at timestamptz)`,
  `CREATE TABLE x_counts (
    query_id bigint NOT NULL,
    granularity text NOT NULL CHECK (granularity IN ('minute', 'hour', 'day')),
    bucket_start timestamptz NOT NULL,
    post_count int NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (query_id, granularity, bucket_start))`,
  `CREATE TABLE x_posts (
    post_id bigint PRIMARY KEY,
    created_at timestamptz NOT NULL,
    author_id bigint NOT NULL,
    lang text,
    text text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('original', 'reply', 'quote', 'retweet')),
    conversation_id bigint)`,
  `CREATE INDEX x_posts_created_idx ON x_posts (created_at)`,
  `CREATE TABLE x_post_queries (
    post_id bigint NOT NULL,
    query_id bigint NOT NULL,
    PRIMARY KEY (post_id, query_id))`,
  `CREATE INDEX x_post_queries_query_idx ON x_post_queries (query_id, post_id)`,
  `CREATE TABLE x_post_entities (
    post_id bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('hashtag', 'mention', 'url', 'cashtag')),
    value text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, kind, value))`,
  `CREATE INDEX x_post_entities_value_idx ON x_post_entities (kind, value, created_at)`,
  `CREATE TABLE x_post_metrics (
    ts timestamptz NOT NULL,
    post_id bigint NOT NULL,
    likes int NOT NULL,
    reposts int NOT NULL,
    replies int NOT NULL,
    quotes int NOT NULL,
    bookmarks int,
    impressions bigint,
    PRIMARY KEY (post_id, ts))`,
  `CREATE TABLE x_authors (
    author_id bigint PRIMARY KEY,
    username text NOT NULL,
    name text NOT NULL,
    followers int,
    following int,
    posts int,
    verified boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now())`,
];

export const SHARED_TABLES: readonly string[] = [
  `CREATE TABLE ingestion_runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL,
    job text NOT NULL,
    job_id text,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
    api_calls int,
    pages int,
    rows_written bigint,
    duplicates_dropped int,
    rate_limit_remaining int,
    cost_units double precision,
    error text)`,
  `CREATE INDEX ingestion_runs_job_idx ON ingestion_runs (job, started_at DESC)`,
  `CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    prefix text NOT NULL UNIQUE,
    hash text NOT NULL,
    scopes text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz)`,
];

/** Hypertables on TimescaleDB: table, time column, chunk interval. */
export const HYPERTABLES: ReadonlyArray<readonly [string, string, string]> = [
  ['twitch_stream_snapshots', 'ts', '1 day'],
  ['twitch_sweep_totals', 'ts', '7 days'],
  ['twitch_sweep_games', 'ts', '7 days'],
  ['twitch_sweep_languages', 'ts', '7 days'],
  ['twitch_sweep_game_languages', 'ts', '7 days'],
  ['twitch_top_games', 'ts', '7 days'],
  ['x_counts', 'bucket_start', '7 days'],
  ['x_post_metrics', 'ts', '7 days'],
];

export const ALL_TABLES_REVERSED = [
  'api_keys', 'ingestion_runs', 'x_authors', 'x_post_metrics', 'x_post_entities', 'x_post_queries', 'x_posts',
  'x_counts', 'x_tracked_queries', 'twitch_sweep_game_languages', 'twitch_sweep_languages', 'twitch_sweep_games',
  'twitch_sweep_totals', 'twitch_top_games', 'twitch_channels', 'twitch_games', 'twitch_streams',
  'twitch_stream_snapshots', 'twitch_sweeps',
];
