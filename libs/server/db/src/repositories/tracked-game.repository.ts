import type { Database, Sql } from '../database/types';

export type TrackedGameState = 'active' | 'paused';

/** A tracked game with what the dashboards show about it. */
export interface TrackedGameRow {
  gameId: string;
  /** From twitch_games; null only if the game row went missing. */
  name: string | null;
  boxArtUrl: string | null;
  state: TrackedGameState;
  addedAt: Date;
  pausedAt: Date | null;
  /** The X query linked to the game (its auto query first, active before paused), if any. */
  xQueryId: string | null;
  xQueryState: TrackedGameState | null;
}

const ID = /^[1-9][0-9]{0,17}$/;
const SELECT = `SELECT t.game_id::text AS "gameId", g.name, g.box_art_url AS "boxArtUrl", t.state, t.added_at AS "addedAt",
    t.paused_at AS "pausedAt", q.query_id::text AS "xQueryId", q.state AS "xQueryState"
  FROM twitch_tracked_games t
  LEFT JOIN twitch_games g ON g.game_id = t.game_id
  LEFT JOIN LATERAL (
    SELECT x.query_id, x.state FROM x_tracked_queries x WHERE x.game_id = t.game_id
     ORDER BY (x.origin = 'auto') DESC, (x.state = 'active') DESC, x.query_id LIMIT 1) q ON true`;

/** Games the operator follows regardless of rank (metadata and X auto-tracking include them). */
export class TrackedGameRepository {
  constructor(private readonly db: Database) {}

  async list(): Promise<TrackedGameRow[]> {
    return this.db.query<TrackedGameRow>(`${SELECT} ORDER BY t.added_at, t.game_id`);
  }

  async byId(gameId: string, sql: Sql = this.db): Promise<TrackedGameRow | null> {
    if (!ID.test(gameId)) return null;
    const rows = await sql.query<TrackedGameRow>(`${SELECT} WHERE t.game_id = $1::bigint`, [gameId]);
    return rows[0] ?? null;
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM twitch_tracked_games');
    return rows[0]?.n ?? 0;
  }

  /** True when the game is in the catalog (seen in a sweep or a top-games list). */
  async isKnownGame(gameId: string): Promise<boolean> {
    if (!ID.test(gameId)) return false;
    const rows = await this.db.query('SELECT 1 AS ok FROM twitch_games WHERE game_id = $1::bigint', [gameId]);
    return rows.length > 0;
  }

  /** Starts tracking a game (active); null when it is already tracked. */
  async insert(gameId: string, now: Date): Promise<TrackedGameRow | null> {
    if (!ID.test(gameId)) throw new Error(`tracked game: gameId must be a decimal id, got ${JSON.stringify(gameId.slice(0, 40))}`);
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO twitch_tracked_games (game_id, state, added_at) VALUES ($1::bigint, 'active', $2::timestamptz)
         ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
        [gameId, now.toISOString()],
      );
      return rows.length ? this.byId(gameId, tx) : null;
    });
  }

  /** Pauses or resumes; paused_at keeps the first pause time. Null when the game is not tracked. */
  async setState(gameId: string, state: TrackedGameState, now: Date): Promise<TrackedGameRow | null> {
    if (!ID.test(gameId)) return null;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `UPDATE twitch_tracked_games SET state = $2,
           paused_at = CASE WHEN $2 = 'paused' THEN COALESCE(paused_at, $3::timestamptz) ELSE NULL END
         WHERE game_id = $1::bigint RETURNING 1 AS ok`,
        [gameId, state, now.toISOString()],
      );
      return rows.length ? this.byId(gameId, tx) : null;
    });
  }

  /** Stops tracking; the game, its series and its X query history stay. Returns the removed row. */
  async remove(gameId: string): Promise<TrackedGameRow | null> {
    if (!ID.test(gameId)) return null;
    return this.db.transaction(async (tx) => {
      const row = await this.byId(gameId, tx);
      if (!row) return null;
      await tx.query('DELETE FROM twitch_tracked_games WHERE game_id = $1::bigint', [gameId]);
      return row;
    });
  }

  /** Active tracked game ids (the metadata job refreshes these every run). */
  async activeIds(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT game_id::text AS id FROM twitch_tracked_games WHERE state = 'active' ORDER BY game_id`,
    );
    return rows.map((r) => r.id);
  }

  /** Active tracked games with a known name (X auto-tracking builds its query from the name). */
  async activeWithNames(): Promise<Array<{ gameId: string; name: string }>> {
    return this.db.query<{ gameId: string; name: string }>(
      `SELECT t.game_id::text AS "gameId", g.name FROM twitch_tracked_games t JOIN twitch_games g ON g.game_id = t.game_id
        WHERE t.state = 'active' ORDER BY t.added_at, t.game_id`,
    );
  }
}
