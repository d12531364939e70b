import { TrackedGameRepository } from '@streamscope/db';
import type { RunOutcome, WorkerContext } from '../../context';

/** Per run at most this many ids of each kind are looked up (Helix takes 100 per call). */
const GAMES_PER_RUN = 500;
const CHANNELS_PER_RUN = 2_000;
const CHANNEL_REFRESH_MS = 24 * 3600 * 1000;

/**
 * Looks up games and channels seen without metadata, and refreshes channels daily. Tracked games
 * are looked up on every run, ranked or not, so their names and box art follow Twitch (a
 * hundred of them cost one Helix call).
 */
export async function refreshMetadata(ctx: WorkerContext, now: number, signal?: AbortSignal): Promise<RunOutcome> {
  const before = ctx.helix.stats.apiCalls;
  const tracked = await new TrackedGameRepository(ctx.db).activeIds();
  const missing = await ctx.dimensions.gamesMissingMetadata(GAMES_PER_RUN);
  const gameIds = [...new Set([...tracked, ...missing])];
  const games = gameIds.length ? await ctx.helix.getGames(gameIds, { signal }) : [];
  await ctx.dimensions.upsertGames(
    games.map((g) => ({ gameId: g.id, name: g.name, boxArtUrl: g.box_art_url, igdbId: g.igdb_id ?? null })),
  );

  const channelIds = await ctx.dimensions.channelsMissingMetadata(CHANNELS_PER_RUN, new Date(now - CHANNEL_REFRESH_MS));
  const users = channelIds.length ? await ctx.helix.getUsers(channelIds, { signal }) : [];
  await ctx.dimensions.upsertChannels(
    users.map((u) => ({
      channelId: u.id,
      login: u.login,
      displayName: u.display_name,
      broadcasterType: u.broadcaster_type,
      description: u.description,
      profileImageUrl: u.profile_image_url,
      createdAt: new Date(u.created_at),
    })),
  );
  return {
    status: gameIds.length + channelIds.length > 0 ? 'succeeded' : 'skipped',
    reason: `${games.length}/${gameIds.length} games (${tracked.length} tracked), ${users.length}/${channelIds.length} channels looked up`,
    apiCalls: ctx.helix.stats.apiCalls - before,
    rowsWritten: games.length + users.length,
  };
}
