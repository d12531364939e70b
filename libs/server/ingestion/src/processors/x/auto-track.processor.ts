import { AnalyticsRepository, TrackedGameRepository, type AutoTrackTarget } from '@streamscope/db';
import type { RunOutcome, WorkerContext } from '../../context';
import { autoTrackQuery, gameHashtag } from '../../x/auto-track.query';
import { HOUR_MS } from './x-common';

/** The top-N games: from the latest top-games ranking, else the most watched of the last 24 hours. */
async function topGames(ctx: WorkerContext, n: number, now: number): Promise<{ games: Array<{ gameId: string; name: string }>; from: string }> {
  if (n <= 0) return { games: [], from: 'top games (off: X_AUTO_TRACK_TOP_GAMES=0)' };
  const ranked = await ctx.xQueries.latestTopGames(n);
  if (ranked.length > 0) return { games: ranked, from: 'latest top-games ranking' };
  const top = await new AnalyticsRepository(ctx.db).topGames({ from: new Date(now - 24 * HOUR_MS), to: new Date(now), limit: n });
  return {
    games: top.games.filter((g) => g.gameId !== '0' && g.name).map((g) => ({ gameId: g.gameId, name: g.name! })),
    from: 'most watched games of the last 24 hours',
  };
}

/**
 * One X query per top Twitch game and per active tracked game, linked to the game. Queries of
 * games that left the top (and are not tracked), or whose tracking was paused or removed, are
 * paused: their history stays. New ones get counts and a search at once instead of at the next slot.
 */
export async function autoTrackGames(ctx: WorkerContext, now: number): Promise<RunOutcome> {
  const n = ctx.config.X_AUTO_TRACK_TOP_GAMES;
  const tracked = await new TrackedGameRepository(ctx.db).activeWithNames();
  if (n <= 0 && tracked.length === 0) return { status: 'skipped', reason: 'auto-tracking is off (X_AUTO_TRACK_TOP_GAMES=0) and no game is tracked' };
  const top = await topGames(ctx, n, now);
  const games = [...top.games];
  for (const t of tracked) if (!games.some((g) => g.gameId === t.gameId)) games.push(t);
  if (games.length === 0) return { status: 'skipped', reason: 'no Twitch games known yet' };
  const targets: AutoTrackTarget[] = [];
  for (const g of games) {
    const query = autoTrackQuery(g.name, gameHashtag(g.gameId, g.name, ctx.xSimulated));
    if (query) targets.push({ gameId: g.gameId, name: g.name, query });
    else ctx.logger.warn({ gameId: g.gameId, name: g.name }, 'no valid X query for this game name; not auto-tracked');
  }
  const res = await ctx.xQueries.syncAutoTracked(targets, new Date(now));
  if (res.created.length > 0 || res.resumed > 0) {
    const slot = Math.floor(now / 60_000);
    await ctx.queues.enqueue('x.counts', { trigger: 'manual' }, { jobId: `x-auto-track-counts-${slot}` });
    await ctx.queues.enqueue('x.search', { trigger: 'manual' }, { jobId: `x-auto-track-search-${slot}` });
  }
  return {
    status: 'succeeded',
    reason:
      `${top.games.length} games from the ${top.from} and ${tracked.length} tracked (${targets.length} distinct): ` +
      `${res.created.length} queries created, ${res.resumed} resumed, ${res.paused} paused`,
    rowsWritten: res.created.length + res.resumed + res.paused,
  };
}
