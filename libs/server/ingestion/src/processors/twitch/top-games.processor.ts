import type { RunOutcome, WorkerContext } from '../../context';
import { sweepTimestamp } from '../../ingest/streams.mapper';

/** The ranked /games/top list at the slot's timestamp (idempotent per slot). */
export async function recordTopGames(ctx: WorkerContext, slotMillis: number, signal?: AbortSignal): Promise<RunOutcome> {
  const ts = sweepTimestamp(slotMillis, ctx.config.TOP_GAMES_INTERVAL_SECONDS);
  const { games, apiCalls } = await ctx.helix.getTopGames({ first: 100, maxPages: 1, signal });
  await ctx.dimensions.upsertGames(
    games.map((g) => ({ gameId: g.id, name: g.name, boxArtUrl: g.box_art_url, igdbId: g.igdb_id ?? null })),
  );
  const rows = await ctx.dimensions.writeTopGames(
    ts,
    games.map((g) => g.id),
  );
  return { status: 'succeeded', reason: `top ${games.length} games at ${ts.toISOString()}`, apiCalls, rowsWritten: rows };
}
