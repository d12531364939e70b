import type { Database } from '../database/types';
import { CHANNEL_HOURLY } from '../schema/rollups';
import { checkIds, checkRange, Params, type RankBy } from './twitch-sql';

export interface TopChannelsQuery {
  from: Date;
  to: Date;
  by: RankBy;
  limit: number;
  offset: number;
  /** Only time spent streaming this game (read from per-sweep snapshots: the hourly rollup has no game). */
  gameId?: string | null;
  /**
   * Only channels whose login or display name contains this text (case-insensitive). Ranks stay
   * those among all channels; totalCount and the page are of the matching channels.
   */
  search?: string | null;
}

export interface TopChannelRow {
  channelId: string;
  login: string | null;
  displayName: string | null;
  rank: number;
  previousRank: number | null;
  viewerSeconds: number;
  /** Σ s over the sweeps where the channel was live (its hours streamed × 3600). */
  streamedSeconds: number;
  peakViewers: number;
}

export interface TopChannelsResult {
  source: 'raw' | 'hourly';
  /** Σ s over every sweep in the range (the denominator of average viewers). */
  coveredSeconds: number;
  totalCount: number;
  rows: TopChannelRow[];
}

const ORDER: Record<RankBy, string> = {
  hoursWatched: 'viewer_seconds',
  averageViewers: 'viewer_seconds',
  peakViewers: 'peak_viewers',
  hoursStreamed: 'streamed_seconds',
};

const HOUR_MS = 3_600_000;

/** A LIKE pattern matching `text` literally anywhere: its own %, _ and \\ are escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Channel rankings: the hourly per-channel rollup when the range allows it, per-sweep snapshots otherwise. */
export class TwitchChannelsRepository {
  constructor(private readonly db: Database) {}

  async topChannels(q: TopChannelsQuery): Promise<TopChannelsResult> {
    checkRange(q.from, q.to);
    if (q.gameId != null) checkIds('gameId', [q.gameId]);
    const hourly = q.gameId == null && q.from.getTime() % HOUR_MS === 0 && q.to.getTime() % HOUR_MS === 0;
    const prevFrom = new Date(2 * q.from.getTime() - q.to.getTime());
    const p = new Params([q.from, q.to, prevFrom]);
    const game = q.gameId == null ? '' : ` AND r.game_id = ${p.add(q.gameId, 'bigint')}`;
    // Matching is a filter after ranking, so a found channel keeps its rank among all channels.
    let matching = '';
    if (q.search != null && q.search !== '') {
      const pattern = p.add(containsPattern(q.search), 'text');
      matching = `,
            rf AS (SELECT rc.* FROM rc JOIN twitch_channels c ON c.channel_id = rc.channel_id
                    WHERE c.login ILIKE ${pattern} ESCAPE '\\' OR c.display_name ILIKE ${pattern} ESCAPE '\\')`;
    }
    const ranked = matching ? 'rf' : 'rc';
    const limit = p.add(Math.max(0, Math.min(1000, Math.floor(q.limit))), 'int');
    const offset = p.add(Math.max(0, Math.floor(q.offset)), 'int');
    const raw = (a: string, b: string, only = '') =>
      `SELECT r.channel_id, sum(r.viewers::bigint * r.sample_seconds)::float8 AS viewer_seconds, max(r.viewers)::float8 AS peak_viewers,
              sum(r.sample_seconds)::float8 AS streamed_seconds
         FROM twitch_stream_snapshots r WHERE r.ts >= ${a} AND r.ts < ${b}${game}${only} GROUP BY 1`;
    const rollup = (a: string, b: string) =>
      `SELECT r.channel_id, r.viewer_seconds::float8 AS viewer_seconds, r.peak_viewers::float8 AS peak_viewers,
              r.streamed_seconds::float8 AS streamed_seconds
         FROM ${CHANNEL_HOURLY} r WHERE r.bucket >= ${a} AND r.bucket < ${b}`;
    // On plain Postgres the rollup holds folded sweeps only (see MaintenanceRepository.foldSweeps):
    // the sweeps written since the last fold are added from their snapshots, as TimescaleDB's
    // real-time aggregation does for the buckets it has not materialized.
    const unfolded = (a: string, b: string) =>
      raw(a, b, ` AND r.ts IN (SELECT w.ts FROM twitch_sweeps w WHERE NOT w.folded AND w.ts >= ${a} AND w.ts < ${b})`);
    const per = (a: string, b: string) =>
      !hourly
        ? raw(a, b)
        : `SELECT channel_id, sum(viewer_seconds) AS viewer_seconds, max(peak_viewers) AS peak_viewers, sum(streamed_seconds) AS streamed_seconds
             FROM (${rollup(a, b)}${this.db.dialect === 'postgres' ? ` UNION ALL ${unfolded(a, b)}` : ''}) r GROUP BY 1`;
    const order = ORDER[q.by];
    const rows = await this.db.query<{ totalCount: number; coveredSeconds: number | null } & Partial<TopChannelRow>>(
      `WITH cur AS (${per('$1', '$2')}),
            prev AS (${per('$3', '$1')}),
            rc AS (SELECT cur.*, row_number() OVER (ORDER BY ${order} DESC, channel_id ASC)::int AS rank FROM cur),
            rp AS (SELECT prev.channel_id, row_number() OVER (ORDER BY ${order} DESC, channel_id ASC)::int AS rank FROM prev)${matching}
       SELECT (SELECT count(*)::int FROM ${ranked}) AS "totalCount",
              (SELECT sum(t.sample_seconds)::float8 FROM twitch_sweep_totals t WHERE t.ts >= $1 AND t.ts < $2) AS "coveredSeconds",
              page.*
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT rc.channel_id::text AS "channelId", c.login, c.display_name AS "displayName", rc.rank, rp.rank AS "previousRank",
                  rc.viewer_seconds AS "viewerSeconds", rc.streamed_seconds AS "streamedSeconds", rc.peak_viewers AS "peakViewers"
             FROM ${matching ? 'rf rc' : 'rc'} LEFT JOIN rp ON rp.channel_id = rc.channel_id
             LEFT JOIN twitch_channels c ON c.channel_id = rc.channel_id
            ORDER BY rc.rank
            LIMIT ${limit} OFFSET ${offset}) page ON true`,
      p.values,
    );
    const head = rows[0];
    return {
      source: hourly ? 'hourly' : 'raw',
      coveredSeconds: head?.coveredSeconds ?? 0,
      totalCount: head?.totalCount ?? 0,
      rows: rows
        .filter((r) => r.channelId != null)
        .map((r) => ({
          channelId: r.channelId!,
          login: r.login ?? null,
          displayName: r.displayName ?? null,
          rank: r.rank!,
          previousRank: r.previousRank ?? null,
          viewerSeconds: r.viewerSeconds!,
          streamedSeconds: r.streamedSeconds!,
          peakViewers: r.peakViewers!,
        })),
    };
  }
}
