import type { Database } from '../database/types';

export interface GameMetadata {
  gameId: string;
  name: string;
  boxArtUrl?: string | null;
  igdbId?: string | null;
}

export interface ChannelMetadata {
  channelId: string;
  login: string;
  displayName: string;
  broadcasterType?: string | null;
  description?: string | null;
  profileImageUrl?: string | null;
  createdAt?: Date | null;
}

export class DimensionRepository {
  constructor(private readonly db: Database) {}

  /** Games seen in sweeps whose metadata was never fetched, oldest first. */
  async gamesMissingMetadata(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT game_id::text AS id FROM twitch_games WHERE metadata_at IS NULL ORDER BY updated_at, game_id LIMIT $1`,
      [Math.max(1, Math.floor(limit))],
    );
    return rows.map((r) => r.id);
  }

  /** Channels never fetched or fetched before `staleBefore`, never-fetched first. */
  async channelsMissingMetadata(limit: number, staleBefore: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT channel_id::text AS id FROM twitch_channels
        WHERE metadata_at IS NULL OR metadata_at < $2
        ORDER BY metadata_at NULLS FIRST, channel_id LIMIT $1`,
      [Math.max(1, Math.floor(limit)), staleBefore.toISOString()],
    );
    return rows.map((r) => r.id);
  }

  async upsertGames(games: GameMetadata[]): Promise<number> {
    if (games.length === 0) return 0;
    const rows = await this.db.query(
      `INSERT INTO twitch_games (game_id, name, box_art_url, igdb_id, updated_at, metadata_at)
       SELECT u.g, u.n, u.b, u.i, now(), now() FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(g, n, b, i)
       ON CONFLICT (game_id) DO UPDATE SET name = EXCLUDED.name, box_art_url = EXCLUDED.box_art_url,
         igdb_id = EXCLUDED.igdb_id, updated_at = now(), metadata_at = now()
       RETURNING 1`,
      [games.map((g) => g.gameId), games.map((g) => g.name), games.map((g) => g.boxArtUrl ?? null), games.map((g) => g.igdbId ?? null)],
    );
    return rows.length;
  }

  async upsertChannels(channels: ChannelMetadata[]): Promise<number> {
    if (channels.length === 0) return 0;
    const rows = await this.db.query(
      `INSERT INTO twitch_channels (channel_id, login, display_name, broadcaster_type, description, profile_image_url, created_at, updated_at, metadata_at)
       SELECT u.c, u.l, u.d, u.bt, u.de, u.p, u.ca, now(), now()
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) AS u(c, l, d, bt, de, p, ca)
       ON CONFLICT (channel_id) DO UPDATE SET login = EXCLUDED.login, display_name = EXCLUDED.display_name,
         broadcaster_type = EXCLUDED.broadcaster_type, description = EXCLUDED.description,
         profile_image_url = EXCLUDED.profile_image_url, created_at = EXCLUDED.created_at, updated_at = now(), metadata_at = now()
       RETURNING 1`,
      [
        channels.map((c) => c.channelId),
        channels.map((c) => c.login),
        channels.map((c) => c.displayName),
        channels.map((c) => c.broadcasterType ?? null),
        channels.map((c) => c.description ?? null),
        channels.map((c) => c.profileImageUrl ?? null),
        channels.map((c) => c.createdAt?.toISOString() ?? null),
      ],
    );
    return rows.length;
  }

  /** The top-games ranking at ts (rank = position + 1); writing the same ts again replaces it. */
  async writeTopGames(ts: Date, gameIds: string[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM twitch_top_games WHERE ts = $1', [ts.toISOString()]);
      if (gameIds.length === 0) return 0;
      const rows = await tx.query(
        `INSERT INTO twitch_top_games (ts, rank, game_id)
         SELECT $1::timestamptz, u.r::int, u.g FROM unnest($2::bigint[]) WITH ORDINALITY AS u(g, r) RETURNING 1`,
        [ts.toISOString(), gameIds],
      );
      return rows.length;
    });
  }
}
