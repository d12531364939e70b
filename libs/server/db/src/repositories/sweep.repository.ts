import { copyText } from '../database/copy-in';
import type { Database, Sql } from '../database/types';
import {
  additiveUpsert,
  CHANNEL_HOURLY,
  PG_DAY,
  PG_HOUR,
  ROLLUP_COLUMNS,
  ROLLUP_FAMILIES,
  type RollupFamily,
} from '../schema/rollups';
import { MaintenanceRepository, ROLLUP_LOCK_SQL } from './maintenance.repository';

export interface StreamObservation {
  streamId: string;
  channelId: string;
  channelLogin: string;
  channelName: string;
  /** '' = no category (stored as 0). */
  gameId: string;
  gameName: string;
  language: string;
  viewers: number;
  title: string;
  tags: string[];
  startedAt: Date;
}

export interface SweepWrite {
  ts: Date;
  sampleSeconds: number;
  status: 'complete' | 'partial';
  pages: number;
  apiCalls: number;
  duplicatesDropped: number;
  startedAt: Date;
  finishedAt: Date;
  streams: StreamObservation[];
}

export interface SweepWriteResult {
  written: boolean;
  /** Snapshot rows written (0 when the sweep already existed). */
  rows: number;
  /** Repeated stream ids inside the input that were ignored (the first one wins). */
  duplicatesIgnored: number;
}

export interface SweepRow {
  ts: Date;
  sampleSeconds: number;
  status: 'complete' | 'partial';
  streams: number;
  pages: number;
  apiCalls: number;
  duplicatesDropped: number;
  startedAt: Date;
  finishedAt: Date;
}

interface Agg {
  viewers: number;
  channels: number;
}

/** One channel's share of this sweep, as twitch_channels_hourly adds it up (see channelHourlySelect). */
interface ChannelSums {
  snapshots: number;
  viewers: number;
  peak: number;
}

// Tags are alphanumeric on Twitch; the unit separator cannot occur in them, which lets a ragged
// list of lists travel as one text[] parameter.
const TAG_SEP = '\u001f';
const ID = /^\d{1,19}$/;

function checkId(kind: string, id: string): string {
  if (!ID.test(id)) throw new Error(`writeSweep: ${kind} must be a numeric id, got ${JSON.stringify(id.slice(0, 40))}`);
  return id;
}

function bump(map: Map<string, Agg>, key: string, viewers: number): void {
  const a = map.get(key);
  if (a) {
    a.viewers += viewers;
    a.channels += 1;
  } else map.set(key, { viewers, channels: 1 });
}

/** Input columns and per-sweep aggregates, computed once in memory (O(n), no SQL round trips). */
function prepare(input: SweepWrite) {
  const seen = new Set<string>();
  const s = {
    streamId: [] as string[],
    channelId: [] as string[],
    gameId: [] as string[],
    viewers: [] as number[],
    language: [] as string[],
    title: [] as string[],
    tags: [] as string[],
    startedAt: [] as string[],
  };
  const games = new Map<string, Agg>();
  const languages = new Map<string, Agg>();
  const gameLanguages = new Map<string, Agg>();
  const gameNames = new Map<string, string>();
  const channels = new Map<string, { login: string; name: string }>();
  const channelSums = new Map<string, ChannelSums>();
  let totalViewers = 0;
  let duplicates = 0;
  for (const o of input.streams) {
    if (seen.has(o.streamId)) {
      duplicates++;
      continue;
    }
    seen.add(o.streamId);
    const gameId = o.gameId === '' ? '0' : checkId('gameId', o.gameId);
    if (!Number.isInteger(o.viewers) || o.viewers < 0) throw new Error(`writeSweep: viewers must be a non-negative integer (stream ${o.streamId})`);
    s.streamId.push(checkId('streamId', o.streamId));
    s.channelId.push(checkId('channelId', o.channelId));
    s.gameId.push(gameId);
    s.viewers.push(o.viewers);
    s.language.push(o.language);
    s.title.push(o.title);
    s.tags.push(o.tags.join(TAG_SEP));
    s.startedAt.push(o.startedAt.toISOString());
    totalViewers += o.viewers;
    bump(games, gameId, o.viewers);
    bump(languages, o.language, o.viewers);
    bump(gameLanguages, `${gameId}\u0000${o.language}`, o.viewers);
    if (gameId !== '0' && o.gameName && !gameNames.has(gameId)) gameNames.set(gameId, o.gameName);
    if (!channels.has(o.channelId)) channels.set(o.channelId, { login: o.channelLogin, name: o.channelName });
    const cs = channelSums.get(o.channelId);
    if (cs) {
      cs.snapshots += 1;
      cs.viewers += o.viewers;
      cs.peak = Math.max(cs.peak, o.viewers);
    } else channelSums.set(o.channelId, { snapshots: 1, viewers: o.viewers, peak: o.viewers });
  }
  return { s, games, languages, gameLanguages, gameNames, channels, channelSums, totalViewers, duplicates };
}

type Prepared = ReturnType<typeof prepare>;

const SNAPSHOT_INSERT = 'twitch_stream_snapshots (ts, stream_id, channel_id, game_id, viewers, language, sample_seconds)';

/**
 * Snapshots are the one table that grows by a row per live stream per sweep: on a server they go
 * in with COPY (the cheapest bulk path Postgres has), inside the sweep's transaction. Returns
 * false where the engine has no COPY from the client, which then inserts them from unnest.
 */
async function copySnapshots(tx: Sql, p: Prepared, ts: string, sampleSeconds: number): Promise<boolean> {
  if (!tx.copyFrom) return false;
  const { streamId, channelId, gameId, viewers, language } = p.s;
  const lines = new Array<string>(streamId.length);
  for (let i = 0; i < streamId.length; i++) {
    lines[i] = `${ts}\t${streamId[i]}\t${channelId[i]}\t${gameId[i]}\t${viewers[i]}\t${copyText(language[i]!)}\t${sampleSeconds}\n`;
  }
  const copied = await tx.copyFrom(`COPY ${SNAPSHOT_INSERT} FROM STDIN`, lines);
  if (copied !== streamId.length) throw new Error(`writeSweep: COPY stored ${copied} snapshots of ${streamId.length}`);
  return true;
}

export class SweepRepository {
  constructor(private readonly db: Database) {}

  /**
   * One sweep, all or nothing: sweep row, snapshots, per-sweep aggregates, broadcast and
   * dimension upserts, and on plain Postgres the rollup rows of the sweep's hour and day.
   * A sweep whose ts already exists writes nothing (a retried job never counts twice).
   */
  async writeSweep(input: SweepWrite): Promise<SweepWriteResult> {
    if (!Number.isInteger(input.sampleSeconds) || input.sampleSeconds <= 0) throw new Error('writeSweep: sampleSeconds must be a positive integer');
    const p = prepare(input);
    const ts = input.ts.toISOString();
    const partial = input.status === 'partial';
    const maintainTables = this.db.dialect === 'postgres';
    const result = await this.db.transaction(async (tx): Promise<SweepWriteResult> => {
      if (maintainTables) await tx.query(ROLLUP_LOCK_SQL);
      const inserted = await tx.query(
        `INSERT INTO twitch_sweeps (ts, sample_seconds, status, streams, pages, api_calls, duplicates_dropped, started_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (ts) DO NOTHING RETURNING ts`,
        [ts, input.sampleSeconds, input.status, p.s.streamId.length, input.pages, input.apiCalls,
          input.duplicatesDropped + p.duplicates, input.startedAt.toISOString(), input.finishedAt.toISOString()],
      );
      if (inserted.length === 0) return { written: false, rows: 0, duplicatesIgnored: p.duplicates };
      const copied = await copySnapshots(tx, p, ts, input.sampleSeconds);
      const snapshots = copied
        ? ''
        : `snap AS (
           INSERT INTO ${SNAPSHOT_INSERT}
           SELECT $1::timestamptz, u.s, u.c, u.g, u.v, u.l, $2::int
             FROM unnest($4::bigint[], $5::bigint[], $6::bigint[], $7::int[], $8::text[]) AS u(s, c, g, v, l)
           RETURNING 1),`;

      // One statement (data-modifying CTEs) for everything else this sweep adds: round trips, not
      // rows, dominate the cost on the embedded engine. Dimensions are upserted only where new or
      // renamed: ON CONFLICT DO UPDATE locks (and so writes) every conflicting row even when its
      // WHERE then skips the update, which for ~100k unchanged channels per sweep is a write each.
      const aggs = (m: Map<string, Agg>) => [[...m.values()].map((a) => a.viewers), [...m.values()].map((a) => a.channels)];
      const [gv, gc] = aggs(p.games);
      const [lv, lc] = aggs(p.languages);
      const [glv, glc] = aggs(p.gameLanguages);
      const glKeys = [...p.gameLanguages.keys()].map((k) => k.split('\u0000'));
      const channels = [...p.channels.values()];
      await tx.query(
        `WITH ${snapshots}
         tot AS (
           INSERT INTO twitch_sweep_totals (ts, sample_seconds, viewers, channels, partial)
           VALUES ($1::timestamptz, $2::int, $12::bigint, $13::int, $3::boolean) RETURNING 1),
         gam AS (
           INSERT INTO twitch_sweep_games (ts, sample_seconds, partial, game_id, viewers, channels)
           SELECT $1::timestamptz, $2::int, $3::boolean, u.g, u.v, u.c
             FROM unnest($14::bigint[], $15::bigint[], $16::int[]) AS u(g, v, c) RETURNING 1),
         lng AS (
           INSERT INTO twitch_sweep_languages (ts, sample_seconds, partial, language, viewers, channels)
           SELECT $1::timestamptz, $2::int, $3::boolean, u.l, u.v, u.c
             FROM unnest($17::text[], $18::bigint[], $19::int[]) AS u(l, v, c) RETURNING 1),
         gml AS (
           INSERT INTO twitch_sweep_game_languages (ts, sample_seconds, partial, game_id, language, viewers, channels)
           SELECT $1::timestamptz, $2::int, $3::boolean, u.g, u.l, u.v, u.c
             FROM unnest($20::bigint[], $21::text[], $22::bigint[], $23::int[]) AS u(g, l, v, c) RETURNING 1),
         brd AS (
           INSERT INTO twitch_streams (stream_id, channel_id, started_at, last_seen_at, title, tags, language, peak_viewers, games)
           SELECT u.s, u.c, u.st, $1::timestamptz, u.ti, string_to_array(u.tg, $11::text), u.l, u.v,
                  CASE WHEN u.g = 0 THEN '{}'::bigint[] ELSE ARRAY[u.g] END
             FROM unnest($4::bigint[], $5::bigint[], $9::timestamptz[], $10::text[], $24::text[], $8::text[], $7::int[], $6::bigint[])
                  AS u(s, c, st, ti, tg, l, v, g)
           ON CONFLICT (stream_id) DO UPDATE SET
             last_seen_at = GREATEST(twitch_streams.last_seen_at, EXCLUDED.last_seen_at),
             title = CASE WHEN EXCLUDED.last_seen_at >= twitch_streams.last_seen_at THEN EXCLUDED.title ELSE twitch_streams.title END,
             tags = CASE WHEN EXCLUDED.last_seen_at >= twitch_streams.last_seen_at THEN EXCLUDED.tags ELSE twitch_streams.tags END,
             language = CASE WHEN EXCLUDED.last_seen_at >= twitch_streams.last_seen_at THEN EXCLUDED.language ELSE twitch_streams.language END,
             peak_viewers = GREATEST(twitch_streams.peak_viewers, EXCLUDED.peak_viewers),
             games = CASE WHEN EXCLUDED.games <@ twitch_streams.games THEN twitch_streams.games
                          ELSE twitch_streams.games || EXCLUDED.games END
           RETURNING 1),
         gdim AS (
           INSERT INTO twitch_games (game_id, name, updated_at)
           SELECT u.g, u.n, $1::timestamptz FROM unnest($25::bigint[], $26::text[]) AS u(g, n)
             LEFT JOIN twitch_games x ON x.game_id = u.g
            WHERE x.game_id IS NULL OR x.name IS DISTINCT FROM u.n
           ON CONFLICT (game_id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
             WHERE twitch_games.name IS DISTINCT FROM EXCLUDED.name
           RETURNING 1),
         cdim AS (
           INSERT INTO twitch_channels (channel_id, login, display_name, updated_at)
           SELECT u.c, u.l, u.d, $1::timestamptz FROM unnest($27::bigint[], $28::text[], $29::text[]) AS u(c, l, d)
             LEFT JOIN twitch_channels x ON x.channel_id = u.c
            WHERE x.channel_id IS NULL OR (x.login, x.display_name) IS DISTINCT FROM (u.l, u.d)
           ON CONFLICT (channel_id) DO UPDATE SET login = EXCLUDED.login, display_name = EXCLUDED.display_name,
             updated_at = EXCLUDED.updated_at
             WHERE (twitch_channels.login, twitch_channels.display_name) IS DISTINCT FROM (EXCLUDED.login, EXCLUDED.display_name)
           RETURNING 1)
         SELECT ${copied ? '' : '(SELECT count(*) FROM snap) + '}(SELECT count(*) FROM tot) + (SELECT count(*) FROM gam)
              + (SELECT count(*) FROM lng) + (SELECT count(*) FROM gml) + (SELECT count(*) FROM brd)
              + (SELECT count(*) FROM gdim) + (SELECT count(*) FROM cdim) AS n`,
        [
          ts, input.sampleSeconds, partial,
          p.s.streamId, p.s.channelId, p.s.gameId, p.s.viewers, p.s.language, p.s.startedAt, p.s.title, TAG_SEP,
          p.totalViewers, p.s.streamId.length,
          [...p.games.keys()], gv, gc,
          [...p.languages.keys()], lv, lc,
          glKeys.map((k) => k[0]), glKeys.map((k) => k[1] ?? ''), glv, glc,
          p.s.tags,
          [...p.gameNames.keys()], [...p.gameNames.values()],
          [...p.channels.keys()], channels.map((v) => v.login), channels.map((v) => v.name),
        ],
      );
      // TimescaleDB's real-time aggregation shows the new sweep at once; plain Postgres adds the
      // sweep's sums into its rollup rows here, exact because a sweep is written only once.
      if (maintainTables) await addToRollupTables(tx, ts, input.sampleSeconds, p.channelSums);
      return { written: true, rows: p.s.streamId.length, duplicatesIgnored: p.duplicates };
    });
    if (result.written && this.db.dialect === 'timescaledb' && (await this.behindWatermark(ts))) {
      // A late or backfilled sweep landed in buckets already materialized, where real-time
      // aggregation no longer looks: refresh them now (outside the transaction, as required).
      const end = new Date(input.ts.getTime() + input.sampleSeconds * 1000);
      await new MaintenanceRepository(this.db).refreshRollups(input.ts, end);
    }
    return result;
  }

  private async behindWatermark(ts: string): Promise<boolean> {
    try {
      const rows = await this.db.query<{ behind: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM _timescaledb_catalog.continuous_agg c
            WHERE c.user_view_name LIKE 'twitch%'
              AND _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(c.mat_hypertable_id)) > $1::timestamptz
         ) AS behind`,
        [ts],
      );
      return rows[0]?.behind === true;
    } catch {
      // Internal catalog API of another TimescaleDB version: the refresh policies catch up instead.
      return false;
    }
  }

  async latestSweep(): Promise<SweepRow | null> {
    const rows = await this.db.query<SweepRow>(
      `SELECT ts, sample_seconds AS "sampleSeconds", status, streams, pages, api_calls AS "apiCalls",
              duplicates_dropped AS "duplicatesDropped", started_at AS "startedAt", finished_at AS "finishedAt"
         FROM twitch_sweeps ORDER BY ts DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async sweepExists(ts: Date): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS ok FROM twitch_sweeps WHERE ts = $1', [ts.toISOString()]);
    return rows.length > 0;
  }

  /** Whether a stored sweep stands for any second of [from, to) (a sweep at t covers [t, t + s)). */
  async coversAnyOf(from: Date, to: Date): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 AS hit FROM twitch_sweeps
        WHERE ts < $2::timestamptz AND ts + make_interval(secs => sample_seconds) > $1::timestamptz LIMIT 1`,
      [from.toISOString(), to.toISOString()],
    );
    return rows.length > 0;
  }

  async countSweeps(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM twitch_sweeps');
    return rows[0]?.n ?? 0;
  }
}

const rollupCols = (f: RollupFamily) => ['bucket', ...f.keys.map((k) => k.name), ...ROLLUP_COLUMNS].join(', ');

/**
 * Adds one sweep (already inserted in this transaction) into the hourly and daily tables. The
 * per-game/language families sum the small per-sweep tables; the per-channel hourly rows come
 * from the channel sums computed in memory (one row per live channel), so the sweep's snapshots
 * are not read back.
 */
async function addToRollupTables(tx: Sql, ts: string, sampleSeconds: number, channelSums: Map<string, ChannelSums>): Promise<void> {
  const keys = (f: RollupFamily) => f.keys.map((k) => `${k.name}, `).join('');
  const sums = `count(*)::int, sum(sample_seconds)::bigint, sum(viewers * sample_seconds)::bigint,
      sum(channels::bigint * sample_seconds)::bigint, max(viewers)::bigint, max(channels)::int,
      sum(CASE WHEN partial THEN 1 ELSE 0 END)::int`;
  const parts: string[] = [];
  for (const f of ROLLUP_FAMILIES) {
    const group = ['1', ...f.keys.map((_, i) => String(i + 2))].join(', ');
    for (const [table, bucket] of [[f.hourly, PG_HOUR('ts')], [f.daily, PG_DAY('ts')]] as const) {
      parts.push(`w_${table} AS (
        INSERT INTO ${table} (${rollupCols(f)})
        SELECT ${bucket}, ${keys(f)} ${sums} FROM ${f.source} WHERE ts = $1 GROUP BY ${group}
        ${additiveUpsert(f, table)} RETURNING 1)`);
    }
  }
  // Same sums as channelHourlySelect over this sweep's snapshots: count(*), Σ viewers × s, max
  // viewers, Σ s (every snapshot of a sweep has the sweep's s).
  parts.push(`w_${CHANNEL_HOURLY} AS (
    INSERT INTO ${CHANNEL_HOURLY} (bucket, channel_id, snapshots, viewer_seconds, peak_viewers, streamed_seconds)
    SELECT ${PG_HOUR('$1::timestamptz')}, u.c, u.n, u.v * $2::bigint, u.p, u.n::bigint * $2::bigint
      FROM unnest($3::bigint[], $4::int[], $5::bigint[], $6::int[]) AS u(c, n, v, p)
    ON CONFLICT (bucket, channel_id) DO UPDATE SET
      snapshots = EXCLUDED.snapshots + ${CHANNEL_HOURLY}.snapshots,
      viewer_seconds = EXCLUDED.viewer_seconds + ${CHANNEL_HOURLY}.viewer_seconds,
      peak_viewers = GREATEST(EXCLUDED.peak_viewers, ${CHANNEL_HOURLY}.peak_viewers),
      streamed_seconds = EXCLUDED.streamed_seconds + ${CHANNEL_HOURLY}.streamed_seconds
    RETURNING 1)`);
  // Data-modifying CTEs always run to completion, referenced or not.
  const perChannel = [...channelSums.values()];
  await tx.query(`WITH ${parts.join(',\n')} SELECT 1 AS done`, [
    ts,
    sampleSeconds,
    [...channelSums.keys()],
    perChannel.map((c) => c.snapshots),
    perChannel.map((c) => c.viewers),
    perChannel.map((c) => c.peak),
  ]);
}
