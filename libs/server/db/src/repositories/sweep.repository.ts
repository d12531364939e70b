import { copyText } from '../database/copy-in';
import type { Database, Sql } from '../database/types';
import {
  additiveUpsert,
  PG_DAY,
  PG_HOUR,
  ROLLUP_COLUMNS,
  ROLLUP_FAMILIES,
  type RollupFamily,
} from '../schema/rollups';
import { MaintenanceRepository, ROLLUP_LOCK_SQL } from './maintenance.repository';
import { firstPerChannel, SweepCache, type CacheEntry, type Changed } from './sweep-cache';
import { Params } from './twitch-sql';

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

// Tags are alphanumeric on Twitch; the unit separator cannot occur in them, which lets a ragged
// list of lists travel as one text[] parameter.
const TAG_SEP = '\u001f';
const ID = /^\d{1,19}$/;
/** True when no stored sweep is newer than this one ($1): only then may it overwrite a broadcast's title, tags, language. */
const NEWEST_SWEEP = 'NOT EXISTS (SELECT 1 FROM twitch_sweeps w WHERE w.ts > $1::timestamptz)';

function checkId(kind: string, id: string): string {
  if (!ID.test(id)) throw new Error(`writeSweep: ${kind} must be a numeric id, got ${JSON.stringify(id.slice(0, 40))}`);
  return id;
}

function add(map: Map<string, Agg>, key: string, by: Agg): void {
  const a = map.get(key);
  if (a) {
    a.viewers += by.viewers;
    a.channels += by.channels;
  } else map.set(key, { viewers: by.viewers, channels: by.channels });
}

function bump(map: Map<string, Agg>, key: string, viewers: number): void {
  const a = map.get(key);
  if (a) {
    a.viewers += viewers;
    a.channels += 1;
  } else map.set(key, { viewers, channels: 1 });
}

/**
 * Input columns and per-sweep aggregates, computed once in memory (O(n), no SQL round trips).
 * Allocation per row is kept low on purpose: at 100,000 streams a sweep, garbage collection in
 * this loop cost more than the statements that follow it.
 */
function prepare(input: SweepWrite) {
  const seen = new Set<string>();
  /** The observations written (first of each stream id), for the columns only changed rows need. */
  const rows: StreamObservation[] = [];
  /** Stored game id of each row ('0' for no category). */
  const gameIds: string[] = [];
  const games = new Map<string, Agg>();
  const languages = new Map<string, Agg>();
  const gameLanguages = new Map<string, Map<string, Agg>>();
  const gameNames = new Map<string, string>();
  let totalViewers = 0;
  let duplicates = 0;
  for (const o of input.streams) {
    const before = seen.size;
    seen.add(o.streamId);
    if (seen.size === before) {
      duplicates++;
      continue;
    }
    const gameId = o.gameId === '' ? '0' : checkId('gameId', o.gameId);
    if (!Number.isInteger(o.viewers) || o.viewers < 0) throw new Error(`writeSweep: viewers must be a non-negative integer (stream ${o.streamId})`);
    checkId('streamId', o.streamId);
    checkId('channelId', o.channelId);
    rows.push(o);
    gameIds.push(gameId);
    totalViewers += o.viewers;
    // Only the finest grouping per row; per game and per language are summed from it below.
    let perLanguage = gameLanguages.get(gameId);
    if (!perLanguage) gameLanguages.set(gameId, (perLanguage = new Map()));
    bump(perLanguage, o.language, o.viewers);
    if (gameId !== '0' && o.gameName && !gameNames.has(gameId)) gameNames.set(gameId, o.gameName);
  }
  for (const [gameId, perLanguage] of gameLanguages) {
    for (const [language, a] of perLanguage) {
      add(games, gameId, a);
      add(languages, language, a);
    }
  }
  return { rows, gameIds, games, languages, gameLanguages, gameNames, totalViewers, duplicates };
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
  const lines = new Array<string>(p.rows.length);
  for (let i = 0; i < p.rows.length; i++) {
    const o = p.rows[i]!;
    lines[i] = `${ts}\t${o.streamId}\t${o.channelId}\t${p.gameIds[i]}\t${o.viewers}\t${copyText(o.language)}\t${sampleSeconds}\n`;
  }
  const copied = await tx.copyFrom(`COPY ${SNAPSHOT_INSERT} FROM STDIN`, lines);
  if (copied !== p.rows.length) throw new Error(`writeSweep: COPY stored ${copied} snapshots of ${p.rows.length}`);
  return true;
}

const everything = (p: Prepared): Changed => ({ rows: p.rows.map((_, i) => i), channels: firstPerChannel(p.rows) });

/**
 * The one statement (data-modifying CTEs) for everything a sweep adds besides its sweep row and
 * (on a server) its COPY: round trips, not rows, dominate the cost on the embedded engine.
 * Broadcasts and dimensions are written only where new or changed: ON CONFLICT DO UPDATE locks
 * (and so writes) every conflicting row even when its WHERE then skips the update, which for
 * ~100k unchanged rows per sweep is a write each. The stored rows are looked up by primary key
 * (LATERAL ... LIMIT 1), never hashed whole: both tables only grow. A broadcast's last_seen_at and peak_viewers are
 * not rewritten every sweep: MaintenanceRepository.foldSweeps settles them from the snapshots of
 * several sweeps at once, and readers complete them from the snapshots of sweeps not folded yet.
 */
function sweepStatement(
  p: Prepared,
  changed: Changed,
  o: { ts: string; sampleSeconds: number; partial: boolean; copied: boolean; rollups: boolean },
): [string, unknown[]] {
  const q = new Params([o.ts, o.sampleSeconds, o.partial]);
  const pick = <T>(col: (o: StreamObservation, i: number) => T) => changed.rows.map((i) => col(p.rows[i]!, i));
  const snapshots = o.copied
    ? ''
    : `snap AS (
       INSERT INTO ${SNAPSHOT_INSERT}
       SELECT $1::timestamptz, u.s, u.c, u.g, u.v, u.l, $2::int
         FROM unnest(${q.add(p.rows.map((o) => o.streamId), 'bigint[]')}, ${q.add(p.rows.map((o) => o.channelId), 'bigint[]')},
                     ${q.add(p.gameIds, 'bigint[]')}, ${q.add(p.rows.map((o) => o.viewers), 'int[]')},
                     ${q.add(p.rows.map((o) => o.language), 'text[]')}) AS u(s, c, g, v, l)
       RETURNING 1),`;
  const aggs = (m: Map<string, Agg>) => [[...m.values()].map((a) => a.viewers), [...m.values()].map((a) => a.channels)] as const;
  const [gv, gc] = aggs(p.games);
  const [lv, lc] = aggs(p.languages);
  const gl = [...p.gameLanguages].flatMap(([g, m]) => [...m].map(([l, a]) => ({ g, l, a })));
  const sep = q.add(TAG_SEP, 'text');
  const text = `WITH ${snapshots}
     tot AS (
       INSERT INTO twitch_sweep_totals (ts, sample_seconds, viewers, channels, partial)
       VALUES ($1::timestamptz, $2::int, ${q.add(p.totalViewers, 'bigint')}, ${q.add(p.rows.length, 'int')}, $3::boolean) RETURNING *),
     gam AS (
       INSERT INTO twitch_sweep_games (ts, sample_seconds, partial, game_id, viewers, channels)
       SELECT $1::timestamptz, $2::int, $3::boolean, u.g, u.v, u.c
         FROM unnest(${q.add([...p.games.keys()], 'bigint[]')}, ${q.add(gv, 'bigint[]')}, ${q.add(gc, 'int[]')}) AS u(g, v, c) RETURNING *),
     lng AS (
       INSERT INTO twitch_sweep_languages (ts, sample_seconds, partial, language, viewers, channels)
       SELECT $1::timestamptz, $2::int, $3::boolean, u.l, u.v, u.c
         FROM unnest(${q.add([...p.languages.keys()], 'text[]')}, ${q.add(lv, 'bigint[]')}, ${q.add(lc, 'int[]')}) AS u(l, v, c) RETURNING *),
     gml AS (
       INSERT INTO twitch_sweep_game_languages (ts, sample_seconds, partial, game_id, language, viewers, channels)
       SELECT $1::timestamptz, $2::int, $3::boolean, u.g, u.l, u.v, u.c
         FROM unnest(${q.add(gl.map((x) => x.g), 'bigint[]')}, ${q.add(gl.map((x) => x.l), 'text[]')},
                     ${q.add(gl.map((x) => x.a.viewers), 'bigint[]')}, ${q.add(gl.map((x) => x.a.channels), 'int[]')}) AS u(g, l, v, c) RETURNING *),
     brd AS (
       INSERT INTO twitch_streams (stream_id, channel_id, started_at, last_seen_at, title, tags, language, peak_viewers, games)
       SELECT u.s, u.c, u.st, $1::timestamptz, u.ti, u.tga, u.l, u.v, u.ga
         FROM (SELECT u.*, string_to_array(u.tg, ${sep}) AS tga, CASE WHEN u.g = 0 THEN '{}'::bigint[] ELSE ARRAY[u.g] END AS ga
                 FROM unnest(${q.add(pick((o) => o.streamId), 'bigint[]')}, ${q.add(pick((o) => o.channelId), 'bigint[]')},
                             ${q.add(pick((o) => o.startedAt.toISOString()), 'timestamptz[]')}, ${q.add(pick((o) => o.title), 'text[]')},
                             ${q.add(pick((o) => o.tags.join(TAG_SEP)), 'text[]')}, ${q.add(pick((o) => o.language), 'text[]')},
                             ${q.add(pick((o) => o.viewers), 'int[]')}, ${q.add(pick((_, i) => p.gameIds[i]!), 'bigint[]')})
                      AS u(s, c, st, ti, tg, l, v, g)) u
         LEFT JOIN LATERAL (SELECT x.stream_id, x.title, x.tags, x.language, x.games FROM twitch_streams x WHERE x.stream_id = u.s LIMIT 1) x ON true
        WHERE x.stream_id IS NULL OR NOT (u.ga <@ x.games)
           OR ((x.title, x.tags, x.language) IS DISTINCT FROM (u.ti, u.tga, u.l) AND ${NEWEST_SWEEP})
       ON CONFLICT (stream_id) DO UPDATE SET
         last_seen_at = GREATEST(twitch_streams.last_seen_at, EXCLUDED.last_seen_at),
         title = CASE WHEN ${NEWEST_SWEEP} THEN EXCLUDED.title ELSE twitch_streams.title END,
         tags = CASE WHEN ${NEWEST_SWEEP} THEN EXCLUDED.tags ELSE twitch_streams.tags END,
         language = CASE WHEN ${NEWEST_SWEEP} THEN EXCLUDED.language ELSE twitch_streams.language END,
         peak_viewers = GREATEST(twitch_streams.peak_viewers, EXCLUDED.peak_viewers),
         games = CASE WHEN EXCLUDED.games <@ twitch_streams.games THEN twitch_streams.games
                      ELSE twitch_streams.games || EXCLUDED.games END
       RETURNING 1),
     gdim AS (
       INSERT INTO twitch_games (game_id, name, updated_at)
       SELECT u.g, u.n, $1::timestamptz FROM unnest(${q.add([...p.gameNames.keys()], 'bigint[]')}, ${q.add([...p.gameNames.values()], 'text[]')}) AS u(g, n)
         LEFT JOIN twitch_games x ON x.game_id = u.g
        WHERE x.game_id IS NULL OR x.name IS DISTINCT FROM u.n
       ON CONFLICT (game_id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
         WHERE twitch_games.name IS DISTINCT FROM EXCLUDED.name
       RETURNING 1),
     cdim AS (
       INSERT INTO twitch_channels (channel_id, login, display_name, updated_at)
       SELECT u.c, u.l, u.d, $1::timestamptz
         FROM unnest(${q.add(changed.channels.map((o) => o.channelId), 'bigint[]')}, ${q.add(changed.channels.map((o) => o.channelLogin), 'text[]')},
                     ${q.add(changed.channels.map((o) => o.channelName), 'text[]')}) AS u(c, l, d)
         LEFT JOIN LATERAL (SELECT x.channel_id, x.login, x.display_name FROM twitch_channels x WHERE x.channel_id = u.c LIMIT 1) x ON true
        WHERE x.channel_id IS NULL OR (x.login, x.display_name) IS DISTINCT FROM (u.l, u.d)
       ON CONFLICT (channel_id) DO UPDATE SET login = EXCLUDED.login, display_name = EXCLUDED.display_name,
         updated_at = EXCLUDED.updated_at
         WHERE (twitch_channels.login, twitch_channels.display_name) IS DISTINCT FROM (EXCLUDED.login, EXCLUDED.display_name)
       RETURNING 1)${o.rollups ? `,\n${rollupParts()}` : ''}
     SELECT ${o.copied ? '' : '(SELECT count(*) FROM snap) + '}(SELECT count(*) FROM tot) + (SELECT count(*) FROM gam)
          + (SELECT count(*) FROM lng) + (SELECT count(*) FROM gml) + (SELECT count(*) FROM brd)
          + (SELECT count(*) FROM gdim) + (SELECT count(*) FROM cdim) AS n`;
  return [text, q.values];
}

export class SweepRepository {
  private readonly cache = new SweepCache();

  constructor(private readonly db: Database) {}

  /**
   * One sweep, all or nothing: sweep row, snapshots, per-sweep aggregates, the broadcasts and
   * dimensions that are new or changed, and on plain Postgres the game and language rollup rows
   * of the sweep's hour and day. A sweep whose ts already exists writes nothing (a retried job
   * never counts twice). Sweeps are written one at a time (advisory lock on a server).
   */
  async writeSweep(input: SweepWrite): Promise<SweepWriteResult> {
    if (!Number.isInteger(input.sampleSeconds) || input.sampleSeconds <= 0) throw new Error('writeSweep: sampleSeconds must be a positive integer');
    const p = prepare(input);
    const ts = input.ts.toISOString();
    let newest = false;
    /** The cache's entry for each row, looked up once (under the sweep lock) for both the check and the update. */
    let cached: Array<CacheEntry | undefined> = [];
    const result = await this.db.transaction(async (tx): Promise<SweepWriteResult> => {
      // One sweep at a time: the rollup tables and the sweep memory's guard rely on it. The
      // embedded engine already runs one transaction at a time, in one process.
      if (this.db.kind !== 'embedded') await tx.query(ROLLUP_LOCK_SQL);
      const inserted = await tx.query<{ ts: Date | null; previous: Date | null; newest: boolean }>(
        `WITH ins AS (
           INSERT INTO twitch_sweeps (ts, sample_seconds, status, streams, pages, api_calls, duplicates_dropped, started_at, finished_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (ts) DO NOTHING RETURNING ts)
         SELECT (SELECT ts FROM ins) AS ts, (SELECT max(ts) FROM twitch_sweeps WHERE ts < $1) AS previous,
                NOT EXISTS (SELECT 1 FROM twitch_sweeps WHERE ts > $1) AS newest`,
        [ts, input.sampleSeconds, input.status, p.rows.length, input.pages, input.apiCalls,
          input.duplicatesDropped + p.duplicates, input.startedAt.toISOString(), input.finishedAt.toISOString()],
      );
      const head = inserted[0]!;
      if (head.ts === null) return { written: false, rows: 0, duplicatesIgnored: p.duplicates };
      newest = head.newest;
      const previous = head.previous === null ? null : new Date(head.previous).toISOString();
      // The COPY goes out first; the comparison with the last sweep runs while the server loads it.
      const copying = copySnapshots(tx, p, ts, input.sampleSeconds);
      copying.catch(() => undefined); // awaited below; not "unhandled" while the comparison runs
      let changed: Changed;
      if (this.cache.validAfter(previous)) {
        // Slices only help while a COPY is in flight (the embedded engine has none).
        ({ entries: cached, changed } = tx.copyFrom ? await this.cache.changedInSlices(p.rows, p.gameIds) : this.cache.changed(p.rows, p.gameIds));
      } else {
        cached = this.cache.entries(p.rows);
        changed = everything(p);
      }
      const copied = await copying;
      // TimescaleDB's real-time aggregation shows the new sweep at once; plain Postgres adds the
      // sweep's sums into its game and language rollup rows in the same statement, exact because a
      // sweep is written only once (its per-channel hourly rows come with the fold, see foldSweeps).
      const rollups = this.db.dialect === 'postgres';
      await tx.query(...sweepStatement(p, changed, { ts, sampleSeconds: input.sampleSeconds, partial: input.status === 'partial', copied, rollups }));
      return { written: true, rows: p.rows.length, duplicatesIgnored: p.duplicates };
    });
    if (result.written && newest) this.cache.remember(ts, p.rows, p.gameIds, cached);
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

/** The CTE above that returns each family's per-sweep rows. */
const SWEEP_ROWS: Record<string, string> = {
  twitch_sweep_totals: 'tot',
  twitch_sweep_games: 'gam',
  twitch_sweep_languages: 'lng',
  twitch_sweep_game_languages: 'gml',
};

/**
 * Data-modifying CTEs that add the sweep into the hourly and daily game and language tables,
 * summing the rows the per-sweep CTEs return (a CTE cannot see another's writes, only its
 * RETURNING). Data-modifying CTEs always run to completion, referenced or not.
 */
function rollupParts(): string {
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
        SELECT ${bucket}, ${keys(f)} ${sums} FROM ${SWEEP_ROWS[f.source]} GROUP BY ${group}
        ${additiveUpsert(f, table)} RETURNING 1)`);
    }
  }
  return parts.join(',\n');
}
