import type { RunOutcome, WorkerContext } from '../../context';
import { sweepTimestamp } from '../../ingest/streams.mapper';

/**
 * The ranked /games/top list at the slot's timestamp (idempotent per slot). The slot is aligned to
 * the interval the scheduler fired with (an operator override may differ from the config), so
 * runs at a shorter overridden interval never share, and overwrite, one timestamp.
 */
export async function recordTopGames(
  ctx: WorkerContext,
  slotMillis: number,
  everySeconds: number | null,
  signal?: AbortSignal,
): Promise<RunOutcome> {
  const ts = sweepTimestamp(slotMillis, everySeconds ?? ctx.config.TOP_GAMES_INTERVAL_SECONDS);
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
