import type { Database, Sql } from '../database/types';

export type TrackedQueryOrigin = 'manual' | 'config' | 'auto';

export interface TrackedQuery {
  queryId: string;
  name: string | null;
  query: string;
  state: 'active' | 'paused';
  gameId: string | null;
  /** Newest post id stored for this query (decimal string); search resumes after it. */
  sinceId: string | null;
  origin: TrackedQueryOrigin;
  createdAt: Date;
  pausedAt: Date | null;
  searchedAt: Date | null;
}

export interface NewTrackedQuery {
  name: string;
  query: string;
  gameId?: string | null;
  origin?: TrackedQueryOrigin;
}

export interface AutoTrackTarget {
  gameId: string;
  name: string;
  query: string;
}

export interface AutoTrackResult {
  created: TrackedQuery[];
  resumed: number;
  paused: number;
}

const ID = /^[0-9]{1,19}$/;
const COLUMNS = `query_id::text AS "queryId", name, query, state, game_id::text AS "gameId", since_id AS "sinceId", origin,
  created_at AS "createdAt", paused_at AS "pausedAt", searched_at AS "searchedAt"`;

function checkGameId(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  if (!ID.test(id)) throw new Error(`tracked query: gameId must be a decimal id, got ${JSON.stringify(id.slice(0, 40))}`);
  return id;
}

/** Tracked X queries. Query grammar is checked by the caller (the service next to the X client). */
export class XQueryRepository {
  constructor(private readonly db: Database) {}

  /** Inserts one query; returns null when the same query text is already tracked. */
  async insert(q: NewTrackedQuery, sql: Sql = this.db): Promise<TrackedQuery | null> {
    const rows = await sql.query<TrackedQuery>(
      `INSERT INTO x_tracked_queries (name, query, game_id, origin) VALUES ($1, $2, $3::bigint, $4)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [q.name, q.query, checkGameId(q.gameId), q.origin ?? 'manual'],
    );
    return rows[0] ?? null;
  }

  async byQuery(query: string): Promise<TrackedQuery | null> {
    const rows = await this.db.query<TrackedQuery>(`SELECT ${COLUMNS} FROM x_tracked_queries WHERE query = $1`, [query]);
    return rows[0] ?? null;
  }

  async byId(queryId: string): Promise<TrackedQuery | null> {
    if (!ID.test(queryId)) return null;
    const rows = await this.db.query<TrackedQuery>(`SELECT ${COLUMNS} FROM x_tracked_queries WHERE query_id = $1::bigint`, [queryId]);
    return rows[0] ?? null;
  }

  async list(): Promise<TrackedQuery[]> {
    return this.db.query<TrackedQuery>(`SELECT ${COLUMNS} FROM x_tracked_queries ORDER BY query_id`);
  }

  /** Active queries, least recently searched first, so a small per-run cap rotates over all of them. */
  async active(): Promise<TrackedQuery[]> {
    return this.db.query<TrackedQuery>(
      `SELECT ${COLUMNS} FROM x_tracked_queries WHERE state = 'active' ORDER BY searched_at ASC NULLS FIRST, query_id`,
    );
  }

  async setState(queryId: string, state: 'active' | 'paused', now: Date): Promise<TrackedQuery | null> {
    const rows = await this.db.query<TrackedQuery>(
      `UPDATE x_tracked_queries SET state = $2, paused_at = CASE WHEN $2 = 'paused' THEN COALESCE(paused_at, $3::timestamptz) ELSE NULL END
        WHERE query_id = $1::bigint RETURNING ${COLUMNS}`,
      [queryId, state, now.toISOString()],
    );
    return rows[0] ?? null;
  }

  /**
   * Stops tracking a query and drops its volume series and its links to sampled posts (posts
   * stay: other queries may share them). Returns the removed query, or null if unknown.
   */
  async remove(queryId: string): Promise<TrackedQuery | null> {
    if (!ID.test(queryId)) return null;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<TrackedQuery>(`DELETE FROM x_tracked_queries WHERE query_id = $1::bigint RETURNING ${COLUMNS}`, [queryId]);
      if (!rows[0]) return null;
      await tx.query('DELETE FROM x_counts WHERE query_id = $1::bigint', [queryId]);
      await tx.query('DELETE FROM x_post_queries WHERE query_id = $1::bigint', [queryId]);
      return rows[0];
    });
  }

  /**
   * The auto-tracked set becomes exactly `targets`: missing ones are created, known ones resumed,
   * auto queries of games that left the top paused (kept, so their history stays). Idempotent.
   */
  async syncAutoTracked(targets: AutoTrackTarget[], now: Date): Promise<AutoTrackResult> {
    for (const t of targets) checkGameId(t.gameId);
    const gameIds = targets.map((t) => t.gameId);
    return this.db.transaction(async (tx) => {
      const created = await tx.query<TrackedQuery>(
        `INSERT INTO x_tracked_queries (name, query, game_id, origin)
         SELECT u.n, u.q, u.g::bigint, 'auto' FROM unnest($1::text[], $2::text[], $3::text[]) AS u(n, q, g)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [targets.map((t) => t.name), targets.map((t) => t.query), gameIds],
      );
      const resumed = await tx.query(
        `UPDATE x_tracked_queries SET state = 'active', paused_at = NULL
          WHERE origin = 'auto' AND state = 'paused' AND game_id = ANY($1::bigint[]) RETURNING 1 AS ok`,
        [gameIds],
      );
      const paused = await tx.query(
        `UPDATE x_tracked_queries SET state = 'paused', paused_at = $2::timestamptz
          WHERE origin = 'auto' AND state = 'active' AND NOT (game_id = ANY($1::bigint[])) RETURNING 1 AS ok`,
        [gameIds, now.toISOString()],
      );
      return { created, resumed: resumed.length, paused: paused.length };
    });
  }

  /**
   * Pauses the auto query of one game (an operator stopped tracking it); history stays. Returns
   * the paused query, or null when the game has no active auto query.
   */
  async pauseAutoQueryOfGame(gameId: string, now: Date): Promise<TrackedQuery | null> {
    checkGameId(gameId);
    const rows = await this.db.query<TrackedQuery>(
      `UPDATE x_tracked_queries SET state = 'paused', paused_at = $2::timestamptz
        WHERE origin = 'auto' AND state = 'active' AND game_id = $1::bigint RETURNING ${COLUMNS}`,
      [gameId, now.toISOString()],
    );
    return rows[0] ?? null;
  }

  /** The latest Twitch top-games ranking with names (auto-tracking's first choice). */
  async latestTopGames(limit: number): Promise<Array<{ gameId: string; name: string }>> {
    return this.db.query<{ gameId: string; name: string }>(
      `SELECT t.game_id::text AS "gameId", g.name
         FROM twitch_top_games t JOIN twitch_games g ON g.game_id = t.game_id
        WHERE t.ts = (SELECT max(ts) FROM twitch_top_games) AND t.game_id <> 0
        ORDER BY t.rank LIMIT $1`,
      [Math.max(1, Math.floor(limit))],
    );
  }
}
