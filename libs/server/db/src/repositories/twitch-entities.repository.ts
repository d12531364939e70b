import type { Database } from '../database/types';
import { checkIds, checkRange } from './twitch-sql';

export interface GameRow {
  gameId: string;
  name: string;
  boxArtUrl: string | null;
}

export interface ChannelRow {
  channelId: string;
  login: string;
  displayName: string;
}

export interface SessionQuery {
  channelId: string;
  from: Date;
  to: Date;
  limit: number;
}

export interface SessionRow {
  streamId: string;
  startedAt: Date;
  /** Time of the last sweep that saw it + that sweep's sample seconds (its last_seen_at once snapshots are gone). */
  endedAt: Date;
  title: string;
  /** Σ viewers × s ÷ Σ s over its snapshots. */
  averageViewers: number | null;
  peakViewers: number | null;
  snapshots: number;
  /** Names in the order the broadcast first showed them (ids without a stored name as "Game <id>"). */
  gamesPlayed: string[];
}

/** Single games, channels and a channel's broadcast sessions. */
export class TwitchEntitiesRepository {
  constructor(private readonly db: Database) {}

  async game(gameId: string): Promise<GameRow | null> {
    checkIds('gameId', [gameId]);
    const rows = await this.db.query<GameRow>(
      `SELECT game_id::text AS "gameId", name, box_art_url AS "boxArtUrl" FROM twitch_games WHERE game_id = $1::bigint`,
      [gameId],
    );
    return rows[0] ?? null;
  }

  async channel(by: { channelId: string } | { login: string }): Promise<ChannelRow | null> {
    const cols = `channel_id::text AS "channelId", login, display_name AS "displayName"`;
    if ('channelId' in by) {
      checkIds('channelId', [by.channelId]);
      const rows = await this.db.query<ChannelRow>(`SELECT ${cols} FROM twitch_channels WHERE channel_id = $1::bigint`, [by.channelId]);
      return rows[0] ?? null;
    }
    const rows = await this.db.query<ChannelRow>(
      `SELECT ${cols} FROM twitch_channels WHERE lower(login) = lower($1::text) ORDER BY updated_at DESC LIMIT 1`,
      [by.login],
    );
    return rows[0] ?? null;
  }

  /** Broadcasts of a channel that overlap [from, to), newest first. */
  async sessions(q: SessionQuery): Promise<SessionRow[]> {
    checkRange(q.from, q.to);
    checkIds('channelId', [q.channelId]);
    const limit = Math.max(1, Math.min(1000, Math.floor(q.limit)));
    const params = [q.channelId, q.from, q.to, limit];
    // Prepared where the engine allows: planning the two lateral lookups over every snapshot
    // partition took several times longer than running them.
    if (this.db.queryPrepared) return this.db.queryPrepared<SessionRow>('twitch_entities_sessions', SESSIONS_SQL, params);
    return this.db.query<SessionRow>(SESSIONS_SQL, params);
  }
}

/**
 * Broadcasts of a channel overlapping [$2, $3), newest first, at most $4. The stored last_seen_at
 * is only as recent as the last fold (MaintenanceRepository.foldSweeps): the end comes from the
 * broadcast's own snapshots, which end before the channel's next broadcast starts; the stored
 * value stands in once retention has dropped them. Broadcasts that cannot reach $2 (stored end
 * plus at most a day's sample, and the next one started before it) are left out before any
 * snapshot is read.
 */
const SESSIONS_SQL = `WITH c AS (
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
        LIMIT $4::int`;
