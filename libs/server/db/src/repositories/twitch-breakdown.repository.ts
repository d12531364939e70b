import type { Bucket } from '@streamscope/shared';
import type { Database } from '../database/types';
import type { CoverageRow } from './analytics.repository';
import { planBuckets, rangeLevel, type RollupLevel } from './bucket-plan';
import {
  checkIds,
  checkRange,
  coverageSql,
  FAMILY,
  type Dimension,
  type Family,
  Params,
  RANK_ORDER,
  type RangeSums,
  type RankBy,
  sumsSql,
  timeCol,
} from './twitch-sql';

export interface BreakdownFilter {
  /** Only streams in these games (numeric ids). */
  gameIds?: readonly string[] | null;
  /** Only streams in these languages. */
  languages?: readonly string[] | null;
}

export interface RankQuery {
  from: Date;
  to: Date;
  dimension: Dimension;
  filter?: BreakdownFilter;
  by: RankBy;
  limit: number;
  offset: number;
  /** Peaks of a key under a filter on the other dimension need per-sweep rows (slower). */
  exactPeaks?: boolean;
  /** Game dimension: join each ranked game's name onto the page (saves the caller a round trip). */
  withNames?: boolean;
}

export interface RankedKey extends RangeSums {
  key: string;
  rank: number;
  /** Rank over the previous range of equal length; null when the key was absent there. */
  previousRank: number | null;
  /** With `withNames` (game dimension): the game's stored display name, null when it has none. */
  name?: string | null;
}

export interface RankResult {
  level: RollupLevel;
  /** Σ s over every sweep in the range (the denominator of average viewers). */
  coveredSeconds: number;
  totalCount: number;
  rows: RankedKey[];
}

export interface KeySeriesQuery {
  from: Date;
  to: Date;
  bucket: Bucket;
  timeZone: string;
  dimension: Dimension;
  keys: readonly string[];
  filter?: BreakdownFilter;
  exactPeaks?: boolean;
}

export interface BucketSumsRow extends RangeSums {
  bucketStart: Date;
}

export interface KeySumsRow extends BucketSumsRow {
  key: string;
}

export interface KeySeriesResult {
  level: RollupLevel;
  rows: KeySumsRow[];
  coverage: CoverageRow[];
}

export interface OtherSeriesQuery {
  from: Date;
  to: Date;
  bucket: Bucket;
  timeZone: string;
  dimension: Dimension;
  /** The keys left out of "other". */
  excludeKeys: readonly string[];
  filter?: BreakdownFilter;
}

/**
 * The per-sweep table whose rows hold one value per key per sweep for this dimension and
 * filter; a filter on the other dimension needs the (game, language) family.
 */
function familyFor(dim: Dimension, f: BreakdownFilter): Family {
  if (dim === 'game' && !f.languages) return 'game';
  if (dim === 'language' && !f.gameIds) return 'language';
  return 'gameLanguage';
}

const KEY_COL: Record<Dimension, string> = { game: 'game_id', language: 'language' };

function filterSql(p: Params, f: BreakdownFilter): string {
  let sql = '';
  if (f.gameIds) sql += ` AND r.game_id = ANY(${p.add(f.gameIds, 'bigint[]')})`;
  if (f.languages) sql += ` AND r.language = ANY(${p.add(f.languages, 'text[]')})`;
  return sql;
}

function keysSql(p: Params, dim: Dimension, keys: readonly string[]): string {
  return dim === 'game' ? ` AND r.game_id = ANY(${p.add(keys, 'bigint[]')})` : ` AND r.language = ANY(${p.add(keys, 'text[]')})`;
}

/**
 * FROM + WHERE yielding rows `r` with one value (or bucket sums) per key. Raw rows of the
 * (game, language) family are first summed per sweep and key, so peaks stay peaks of totals.
 */
function keyRows(level: RollupLevel, family: Family, dim: Dimension, a: string, b: string, where: string): string {
  const table = FAMILY[family][level];
  if (level === 'raw' && family === 'gameLanguage') {
    return `FROM (SELECT r.ts, r.${KEY_COL[dim]}, sum(r.viewers)::bigint AS viewers, sum(r.channels)::int AS channels,
                         max(r.sample_seconds) AS sample_seconds
                    FROM ${table} r
                   WHERE r.ts >= ${a} AND r.ts < ${b}${where}
                   GROUP BY r.ts, r.${KEY_COL[dim]}) r`;
  }
  const t = timeCol(level);
  return `FROM ${table} r WHERE ${t} >= ${a} AND ${t} < ${b}${where}`;
}

function checkFilter(f: BreakdownFilter): void {
  checkIds('gameIds', f.gameIds);
}

/** Breakdowns of Twitch viewing by game or language: rankings and per-bucket series. */
export class TwitchBreakdownRepository {
  constructor(private readonly db: Database) {}

  /**
   * Keys ranked over [from, to) with their rank over the previous range of equal length.
   * "No category" (game 0) is not a game and is never ranked.
   */
  async rankKeys(q: RankQuery): Promise<RankResult> {
    checkRange(q.from, q.to);
    const f = q.filter ?? {};
    checkFilter(f);
    const family = familyFor(q.dimension, f);
    const level = family === 'gameLanguage' && q.exactPeaks ? 'raw' : rangeLevel(q.from, q.to);
    const prevFrom = new Date(2 * q.from.getTime() - q.to.getTime());
    const p = new Params([q.from, q.to, prevFrom]);
    const where = filterSql(p, f) + (q.dimension === 'game' ? ' AND r.game_id <> 0' : '');
    const limit = p.add(Math.max(0, Math.min(1000, Math.floor(q.limit))), 'int');
    const offset = p.add(Math.max(0, Math.floor(q.offset)), 'int');
    const k = `r.${KEY_COL[q.dimension]}`;
    const order = RANK_ORDER[q.by];
    const totals = FAMILY.totals[level];
    const t = timeCol(level);
    // Names join the page itself (at most `limit` rows).
    const withNames = q.withNames === true && q.dimension === 'game';
    const name = withNames ? { column: ', tg.name', join: ' LEFT JOIN twitch_games tg ON tg.game_id = rc.k' } : { column: '', join: '' };
    const rows = await this.db.query<{ totalCount: number; coveredSeconds: number | null } & Partial<RankedKey>>(
      `WITH cur AS (SELECT ${k} AS k, ${sumsSql(level)} ${keyRows(level, family, q.dimension, '$1', '$2', where)} GROUP BY 1),
            prev AS (SELECT ${k} AS k, ${sumsSql(level)} ${keyRows(level, family, q.dimension, '$3', '$1', where)} GROUP BY 1),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY ${order} DESC, k ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.k, row_number() OVER (ORDER BY ${order} DESC, k ASC)::int AS rank FROM prev)
       SELECT (SELECT count(*)::int FROM rc) AS "totalCount",
              (SELECT sum(${level === 'raw' ? 'r.sample_seconds' : 'r.covered_seconds'})::float8 FROM ${totals} r WHERE ${t} >= $1 AND ${t} < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.k::text AS key, rc.rank, rp.rank AS "previousRank"${name.column},
                  rc."viewerSeconds", rc."channelSeconds", rc."peakViewers", rc."peakChannels"
             FROM rc LEFT JOIN rp ON rp.k = rc.k${name.join}
            ORDER BY rc.rank
            LIMIT ${limit} OFFSET ${offset}) page ON true`,
      p.values,
    );
    const head = rows[0];
    return {
      level,
      coveredSeconds: head?.coveredSeconds ?? 0,
      totalCount: head?.totalCount ?? 0,
      rows: rows
        .filter((r) => r.key !== null && r.key !== undefined)
        .map((r) => ({
          key: r.key!,
          rank: r.rank!,
          previousRank: r.previousRank ?? null,
          ...(withNames ? { name: r.name ?? null } : {}),
          viewerSeconds: r.viewerSeconds!,
          channelSeconds: r.channelSeconds!,
          peakViewers: r.peakViewers!,
          peakChannels: r.peakChannels!,
        })),
    };
  }

  /** Per-bucket sums of the given keys (a key absent from a covered bucket had zero everywhere in it). */
  async keySeries(q: KeySeriesQuery): Promise<KeySeriesResult> {
    checkRange(q.from, q.to);
    const f = q.filter ?? {};
    checkFilter(f);
    if (q.dimension === 'game') checkIds('keys', q.keys);
    const plan = planBuckets(q.bucket, q.timeZone, q.from, q.to);
    const family = familyFor(q.dimension, f);
    const level = family === 'gameLanguage' && q.exactPeaks ? 'raw' : plan.level;
    const coverage = await this.coverage(level, plan.bucketSql, [q.from, q.to, ...plan.params]);
    if (q.keys.length === 0) return { level, rows: [], coverage };
    const p = new Params([q.from, q.to, ...plan.params]);
    const where = filterSql(p, f) + keysSql(p, q.dimension, q.keys);
    const rows = await this.db.query<KeySumsRow>(
      `SELECT ${plan.bucketSql(timeCol(level))} AS "bucketStart", r.${KEY_COL[q.dimension]}::text AS key, ${sumsSql(level)}
         ${keyRows(level, family, q.dimension, '$1', '$2', where)}
        GROUP BY 1, 2`,
      p.values,
    );
    return { level, rows: rows.sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime() || (a.key < b.key ? -1 : 1)), coverage };
  }

  /**
   * Per-bucket sums of everything the filter matches (the platform when there is no filter).
   * Peaks are exact only without a filter; use otherPeaks for peaks of a remainder.
   */
  async universeSums(q: Omit<KeySeriesQuery, 'keys' | 'exactPeaks'>): Promise<{ level: RollupLevel; rows: BucketSumsRow[] }> {
    checkRange(q.from, q.to);
    const f = q.filter ?? {};
    checkFilter(f);
    const plan = planBuckets(q.bucket, q.timeZone, q.from, q.to);
    const family: Family = f.gameIds || f.languages ? familyFor(q.dimension, f) : 'totals';
    const p = new Params([q.from, q.to, ...plan.params]);
    const t = timeCol(plan.level);
    const rows = await this.db.query<BucketSumsRow>(
      `SELECT ${plan.bucketSql(t)} AS "bucketStart", ${sumsSql(plan.level)}
         FROM ${FAMILY[family][plan.level]} r
        WHERE ${t} >= $1 AND ${t} < $2${filterSql(p, f)}
        GROUP BY 1`,
      p.values,
    );
    return { level: plan.level, rows: rows.sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime()) };
  }

  /**
   * Per bucket, the max over its sweeps of (what the filter matches − the excluded keys): the
   * peak of "everything else" needs each sweep's remainder, so this always reads per-sweep rows.
   */
  async otherPeaks(q: OtherSeriesQuery): Promise<Array<{ bucketStart: Date; peakViewers: number; peakChannels: number }>> {
    checkRange(q.from, q.to);
    const f = q.filter ?? {};
    checkFilter(f);
    if (q.dimension === 'game') checkIds('excludeKeys', q.excludeKeys);
    const plan = planBuckets(q.bucket, q.timeZone, q.from, q.to);
    const family = familyFor(q.dimension, f);
    const p = new Params([q.from, q.to, ...plan.params]);
    const where = filterSql(p, f);
    const match = keysSql(p, q.dimension, q.excludeKeys).replace(/^ AND /, '');
    const rows = await this.db.query<{ bucketStart: Date; peakViewers: number; peakChannels: number }>(
      `SELECT ${plan.bucketSql('t.ts')} AS "bucketStart",
              max(coalesce(u.v, 0) - coalesce(u.kv, 0))::float8 AS "peakViewers",
              max(coalesce(u.c, 0) - coalesce(u.kc, 0))::float8 AS "peakChannels"
         FROM twitch_sweep_totals t
         LEFT JOIN (SELECT r.ts, sum(r.viewers) AS v, sum(r.channels) AS c,
                           sum(r.viewers) FILTER (WHERE ${match}) AS kv, sum(r.channels) FILTER (WHERE ${match}) AS kc
                      FROM ${FAMILY[family].raw} r
                     WHERE r.ts >= $1 AND r.ts < $2${where}
                     GROUP BY r.ts) u ON u.ts = t.ts
        WHERE t.ts >= $1 AND t.ts < $2
        GROUP BY 1`,
      p.values,
    );
    return rows.sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
  }

  private async coverage(level: RollupLevel, bucketSql: (col: string) => string, params: unknown[]): Promise<CoverageRow[]> {
    const t = timeCol(level);
    const rows = await this.db.query<CoverageRow>(
      `SELECT ${bucketSql(t)} AS "bucketStart", ${coverageSql(level)}
         FROM ${FAMILY.totals[level]} r
        WHERE ${t} >= $1 AND ${t} < $2
        GROUP BY 1`,
      params,
    );
    return rows.sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
  }
}
