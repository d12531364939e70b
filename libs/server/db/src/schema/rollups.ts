/**
 * The rollup families, in one table so the TimescaleDB continuous aggregates, the plain-Postgres
 * tables and their refresh SQL all derive from the same definition (same names, same columns).
 * Every identifier here is a constant; nothing from a request reaches these strings.
 */
export interface RollupFamily {
  /** Per-sweep source table. */
  source: string;
  hourly: string;
  daily: string;
  /** Key columns besides the bucket, with their SQL types. */
  keys: ReadonlyArray<{ name: string; type: string }>;
}

export const ROLLUP_FAMILIES: readonly RollupFamily[] = [
  { source: 'twitch_sweep_totals', hourly: 'twitch_totals_hourly', daily: 'twitch_totals_daily', keys: [] },
  {
    source: 'twitch_sweep_games',
    hourly: 'twitch_games_hourly',
    daily: 'twitch_games_daily',
    keys: [{ name: 'game_id', type: 'bigint' }],
  },
  {
    source: 'twitch_sweep_languages',
    hourly: 'twitch_languages_hourly',
    daily: 'twitch_languages_daily',
    keys: [{ name: 'language', type: 'text' }],
  },
  {
    source: 'twitch_sweep_game_languages',
    hourly: 'twitch_game_languages_hourly',
    daily: 'twitch_game_languages_daily',
    keys: [
      { name: 'game_id', type: 'bigint' },
      { name: 'language', type: 'text' },
    ],
  },
];

export const CHANNEL_HOURLY = 'twitch_channels_hourly';

export const ROLLUP_COLUMNS = [
  'sweeps',
  'covered_seconds',
  'viewer_seconds',
  'channel_seconds',
  'peak_viewers',
  'peak_channels',
  'partial_sweeps',
] as const;

const keyList = (f: RollupFamily) => f.keys.map((k) => `${k.name}, `).join('');
const groupBy = (f: RollupFamily) => ['1', ...f.keys.map((_, i) => String(i + 2))].join(', ');

/** Hourly sums over per-sweep rows; `bucketExpr` turns `ts` into the hour. */
export function hourlySelect(f: RollupFamily, bucketExpr: string, where = ''): string {
  return `SELECT ${bucketExpr} AS bucket, ${keyList(f)}
      count(*)::int AS sweeps,
      sum(sample_seconds)::bigint AS covered_seconds,
      sum(viewers * sample_seconds)::bigint AS viewer_seconds,
      sum(channels::bigint * sample_seconds)::bigint AS channel_seconds,
      max(viewers)::bigint AS peak_viewers,
      max(channels)::int AS peak_channels,
      sum(CASE WHEN partial THEN 1 ELSE 0 END)::int AS partial_sweeps
    FROM ${f.source} ${where}
    GROUP BY ${groupBy(f)}`;
}

/** Daily sums over hourly rows (hierarchical: peaks are max of max, sums add). */
export function dailySelect(f: RollupFamily, bucketExpr: string, where = ''): string {
  return `SELECT ${bucketExpr} AS bucket, ${keyList(f)}
      sum(sweeps)::int AS sweeps,
      sum(covered_seconds)::bigint AS covered_seconds,
      sum(viewer_seconds)::bigint AS viewer_seconds,
      sum(channel_seconds)::bigint AS channel_seconds,
      max(peak_viewers)::bigint AS peak_viewers,
      max(peak_channels)::int AS peak_channels,
      sum(partial_sweeps)::int AS partial_sweeps
    FROM ${f.hourly} ${where}
    GROUP BY ${groupBy(f)}`;
}

export function channelHourlySelect(bucketExpr: string, where = ''): string {
  return `SELECT ${bucketExpr} AS bucket, channel_id,
      count(*)::int AS snapshots,
      sum(viewers::bigint * sample_seconds)::bigint AS viewer_seconds,
      max(viewers)::int AS peak_viewers,
      sum(sample_seconds)::bigint AS streamed_seconds
    FROM twitch_stream_snapshots ${where}
    GROUP BY 1, 2`;
}

/** Plain-Postgres table holding the same columns a continuous aggregate would. */
export function rollupTableDdl(name: string, f: RollupFamily): string {
  const keys = f.keys.map((k) => `${k.name} ${k.type} NOT NULL,`).join(' ');
  const pk = ['bucket', ...f.keys.map((k) => k.name)].join(', ');
  return `CREATE TABLE IF NOT EXISTS ${name} (
    bucket timestamptz NOT NULL, ${keys}
    sweeps int NOT NULL, covered_seconds bigint NOT NULL, viewer_seconds bigint NOT NULL,
    channel_seconds bigint NOT NULL, peak_viewers bigint NOT NULL, peak_channels int NOT NULL,
    partial_sweeps int NOT NULL,
    PRIMARY KEY (${pk}))`;
}

export const CHANNEL_HOURLY_DDL = `CREATE TABLE IF NOT EXISTS ${CHANNEL_HOURLY} (
  bucket timestamptz NOT NULL, channel_id bigint NOT NULL, snapshots int NOT NULL,
  viewer_seconds bigint NOT NULL, peak_viewers int NOT NULL, streamed_seconds bigint NOT NULL,
  PRIMARY KEY (bucket, channel_id))`;

/** Bucket expressions that ignore the session time zone (date_trunc('hour') would not). */
export const PG_HOUR = (col: string) => `date_bin(INTERVAL '1 hour', ${col}, TIMESTAMPTZ '2000-01-03 00:00:00+00')`;
export const PG_DAY = (col: string) => `date_bin(INTERVAL '1 day', ${col}, TIMESTAMPTZ '2000-01-03 00:00:00+00')`;

/** ON CONFLICT clause that adds one sweep's sums into an existing rollup row. */
export function additiveUpsert(f: RollupFamily, table: string): string {
  const conflict = ['bucket', ...f.keys.map((k) => k.name)].join(', ');
  return `ON CONFLICT (${conflict}) DO UPDATE SET
      sweeps = EXCLUDED.sweeps + ${table}.sweeps,
      covered_seconds = EXCLUDED.covered_seconds + ${table}.covered_seconds,
      viewer_seconds = EXCLUDED.viewer_seconds + ${table}.viewer_seconds,
      channel_seconds = EXCLUDED.channel_seconds + ${table}.channel_seconds,
      peak_viewers = GREATEST(EXCLUDED.peak_viewers, ${table}.peak_viewers),
      peak_channels = GREATEST(EXCLUDED.peak_channels, ${table}.peak_channels),
      partial_sweeps = EXCLUDED.partial_sweeps + ${table}.partial_sweeps`;
}
