import type { Bucket } from '@streamscope/shared';
import type { Database } from '../database/types';
import { planBuckets, rangeLevel, type RollupLevel } from './bucket-plan';

export interface SeriesQuery {
  from: Date;
  to: Date;
  bucket: Bucket;
  timeZone: string;
}

export interface GameSeriesQuery extends SeriesQuery {
  gameIds: string[];
}

export interface CoverageRow {
  bucketStart: Date;
  coveredSeconds: number;
  sweeps: number;
  partialSweeps: number;
}

export interface SumsRow {
  bucketStart: Date;
  viewerSeconds: number;
  channelSeconds: number;
  peakViewers: number;
  peakChannels: number;
}

export interface GameSumsRow extends SumsRow {
  gameId: string;
}

/**
 * Raw sums per bucket. A bucket with a coverage row but no row for a game means the game had
 * zero viewers and channels in every sweep of it; a bucket without coverage had no sweep (a gap).
 */
export interface SeriesResult<R> {
  level: RollupLevel;
  rows: R[];
  coverage: CoverageRow[];
}

export interface TopGamesQuery {
  from: Date;
  to: Date;
  limit: number;
}

export interface TopGameRow {
  rank: number;
  gameId: string;
  name: string | null;
  viewerSeconds: number;
  channelSeconds: number;
  peakViewers: number;
  peakChannels: number;
}

export interface TopGamesResult {
  level: RollupLevel;
  coveredSeconds: number;
  sweeps: number;
  games: TopGameRow[];
}

/** Same column names on every level, so one SQL shape serves per-sweep rows and rollups. */
const SOURCES = {
  totals: { raw: 'twitch_sweep_totals', hourly: 'twitch_totals_hourly', daily: 'twitch_totals_daily' },
  games: { raw: 'twitch_sweep_games', hourly: 'twitch_games_hourly', daily: 'twitch_games_daily' },
} as const;

function sums(level: RollupLevel): string {
  return level === 'raw'
    ? `sum(r.viewers * r.sample_seconds)::float8 AS "viewerSeconds",
       sum(r.channels::bigint * r.sample_seconds)::float8 AS "channelSeconds",
       max(r.viewers)::float8 AS "peakViewers",
       max(r.channels)::float8 AS "peakChannels"`
    : `sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"`;
}

function coverageSums(level: RollupLevel): string {
  return level === 'raw'
    ? `sum(r.sample_seconds)::float8 AS "coveredSeconds", count(*)::int AS sweeps,
       sum(CASE WHEN r.partial THEN 1 ELSE 0 END)::int AS "partialSweeps"`
    : `sum(r.covered_seconds)::float8 AS "coveredSeconds", sum(r.sweeps)::int AS sweeps,
       sum(r.partial_sweeps)::int AS "partialSweeps"`;
}

const timeCol = (level: RollupLevel) => (level === 'raw' ? 'r.ts' : 'r.bucket');

const byTime = (a: { bucketStart: Date }, b: { bucketStart: Date }) => a.bucketStart.getTime() - b.bucketStart.getTime();

function byTimeThenGame(a: GameSumsRow, b: GameSumsRow): number {
  const t = byTime(a, b);
  if (t !== 0) return t;
  const x = BigInt(a.gameId);
  const y = BigInt(b.gameId);
  return x < y ? -1 : x > y ? 1 : 0;
}

function checkRange(from: Date, to: Date): void {
  if (!(from instanceof Date) || !(to instanceof Date) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new Error('range needs valid dates');
  }
  if (to.getTime() <= from.getTime()) throw new Error('range end must be after its start');
}

/**
 * Time-bucketed sums for the API (which turns them into metrics with bucketMetrics). Ranges
 * are half-open: sweeps with from <= ts < to. Every aggregate is one named method with fixed SQL.
 */
export class AnalyticsRepository {
  constructor(private readonly db: Database) {}

  /**
   * One statement: per-bucket coverage of the platform totals joined to the games' sums, so a
   * series costs one round trip. A FULL JOIN keeps a game row even in a bucket without coverage.
   */
  async gameSeries(q: GameSeriesQuery): Promise<SeriesResult<GameSumsRow>> {
    checkRange(q.from, q.to);
    const plan = planBuckets(q.bucket, q.timeZone, q.from, q.to);
    const ids = [...new Set(q.gameIds.map((g) => (g === '' ? '0' : g)))];
    for (const id of ids) if (!/^\d{1,19}$/.test(id)) throw new Error(`gameIds must be numeric ids, got ${JSON.stringify(id.slice(0, 40))}`);
    const t = timeCol(plan.level);
    const joined = await this.db.query<{ bucketStart: Date; covered: boolean } & Partial<CoverageRow> & Partial<GameSumsRow>>(
      `WITH c AS (
         SELECT ${plan.bucketSql(t)} AS b, ${coverageSums(plan.level)}
           FROM ${SOURCES.totals[plan.level]} r
          WHERE ${t} >= $1 AND ${t} < $2
          GROUP BY 1),
       g AS (
         SELECT ${plan.bucketSql(t)} AS b, r.game_id::text AS "gameId", ${sums(plan.level)}
           FROM ${SOURCES.games[plan.level]} r
          WHERE ${t} >= $1 AND ${t} < $2 AND r.game_id = ANY($5::bigint[])
          GROUP BY 1, 2)
       SELECT coalesce(c.b, g.b) AS "bucketStart", c.b IS NOT NULL AS covered,
              c."coveredSeconds", c.sweeps, c."partialSweeps",
              g."gameId", g."viewerSeconds", g."channelSeconds", g."peakViewers", g."peakChannels"
         FROM c FULL JOIN g ON g.b = c.b`,
      [q.from, q.to, ...plan.params, ids],
    );
    const coverage = new Map<number, CoverageRow>();
    const rows: GameSumsRow[] = [];
    for (const r of joined) {
      if (r.covered && !coverage.has(r.bucketStart.getTime())) {
        coverage.set(r.bucketStart.getTime(), { bucketStart: r.bucketStart, coveredSeconds: r.coveredSeconds!, sweeps: r.sweeps!, partialSweeps: r.partialSweeps! });
      }
      if (r.gameId != null) {
        rows.push({
          bucketStart: r.bucketStart,
          gameId: r.gameId,
          viewerSeconds: r.viewerSeconds!,
          channelSeconds: r.channelSeconds!,
          peakViewers: r.peakViewers!,
          peakChannels: r.peakChannels!,
        });
      }
    }
    return { level: plan.level, rows: rows.sort(byTimeThenGame), coverage: [...coverage.values()].sort(byTime) };
  }

  async platformSeries(q: SeriesQuery): Promise<SeriesResult<SumsRow>> {
    checkRange(q.from, q.to);
    const plan = planBuckets(q.bucket, q.timeZone, q.from, q.to);
    const t = timeCol(plan.level);
    const rows = await this.db.query<SumsRow & CoverageRow>(
      `SELECT ${plan.bucketSql(t)} AS "bucketStart", ${sums(plan.level)}, ${coverageSums(plan.level)}
         FROM ${SOURCES.totals[plan.level]} r
        WHERE ${t} >= $1 AND ${t} < $2
        GROUP BY 1`,
      [q.from, q.to, ...plan.params],
    );
    rows.sort(byTime);
    return {
      level: plan.level,
      rows: rows.map((r) => ({
        bucketStart: r.bucketStart,
        viewerSeconds: r.viewerSeconds,
        channelSeconds: r.channelSeconds,
        peakViewers: r.peakViewers,
        peakChannels: r.peakChannels,
      })),
      coverage: rows.map((r) => ({
        bucketStart: r.bucketStart,
        coveredSeconds: r.coveredSeconds,
        sweeps: r.sweeps,
        partialSweeps: r.partialSweeps,
      })),
    };
  }

  /** Games ranked by hours watched over the range ("no category" is not a game and is left out). */
  /** Display names of games by id (ids without a stored name are absent from the map). */
  async gameNames(gameIds: readonly string[]): Promise<Map<string, string>> {
    if (gameIds.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; name: string }>(
      'SELECT game_id::text AS id, name FROM twitch_games WHERE game_id = ANY($1::bigint[]) AND name IS NOT NULL',
      [gameIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async topGames(q: TopGamesQuery): Promise<TopGamesResult> {
    checkRange(q.from, q.to);
    const limit = Math.max(1, Math.min(1000, Math.floor(q.limit)));
    const level = rangeLevel(q.from, q.to);
    const t = timeCol(level);
    // Coverage rides along as scalar subqueries: one round trip, and one row even with no games.
    const rows = await this.db.query<{ coveredSeconds: number | null; sweeps: number | null } & Partial<Omit<TopGameRow, 'rank'>>>(
      `WITH g AS (
         SELECT r.game_id, ${sums(level)}
           FROM ${SOURCES.games[level]} r
          WHERE ${t} >= $1 AND ${t} < $2 AND r.game_id <> 0
          GROUP BY r.game_id),
       cover AS (SELECT ${coverageSums(level)} FROM ${SOURCES.totals[level]} r WHERE ${t} >= $1 AND ${t} < $2)
       SELECT cover."coveredSeconds", cover.sweeps, page.*
         FROM cover
         LEFT JOIN LATERAL (
           SELECT g.game_id::text AS "gameId", tg.name, g."viewerSeconds", g."channelSeconds", g."peakViewers", g."peakChannels"
             FROM g LEFT JOIN twitch_games tg ON tg.game_id = g.game_id
            ORDER BY g."viewerSeconds" DESC, g.game_id ASC
            LIMIT $3) page ON true
        ORDER BY page."viewerSeconds" DESC, page."gameId"::bigint ASC`,
      [q.from, q.to, limit],
    );
    const head = rows[0];
    const games = rows.filter((r) => r.gameId != null);
    return {
      level,
      coveredSeconds: head?.coveredSeconds ?? 0,
      sweeps: head?.sweeps ?? 0,
      games: games.map((g, i) => ({
        rank: i + 1,
        gameId: g.gameId!,
        name: g.name ?? null,
        viewerSeconds: g.viewerSeconds!,
        channelSeconds: g.channelSeconds!,
        peakViewers: g.peakViewers!,
        peakChannels: g.peakChannels!,
      })),
    };
  }
}
