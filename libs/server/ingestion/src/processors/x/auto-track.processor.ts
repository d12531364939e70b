import { AnalyticsRepository, type AutoTrackTarget } from '@streamscope/db';
import type { RunOutcome, WorkerContext } from '../../context';
import { autoTrackQuery, gameHashtag } from '../../x/auto-track.query';
import { HOUR_MS } from './x-common';

/**
 * One X query per top Twitch game, linked to the game: from the latest top-games ranking, else
 * the most watched games of the last 24 hours. Queries of games that left the top are paused
 * (their history stays); new ones get counts and a search at once instead of at the next slot.
 */
export async function autoTrackGames(ctx: WorkerContext, now: number): Promise<RunOutcome> {
  const n = ctx.config.X_AUTO_TRACK_TOP_GAMES;
  if (n <= 0) return { status: 'skipped', reason: 'auto-tracking is off (X_AUTO_TRACK_TOP_GAMES=0)' };
  let games = await ctx.xQueries.latestTopGames(n);
  let from = 'latest top-games ranking';
  if (games.length === 0) {
    const top = await new AnalyticsRepository(ctx.db).topGames({ from: new Date(now - 24 * HOUR_MS), to: new Date(now), limit: n });
    games = top.games.filter((g) => g.gameId !== '0' && g.name).map((g) => ({ gameId: g.gameId, name: g.name! }));
    from = 'most watched games of the last 24 hours';
  }
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
    reason: `${targets.length} games from the ${from}: ${res.created.length} queries created, ${res.resumed} resumed, ${res.paused} paused`,
    rowsWritten: res.created.length + res.resumed + res.paused,
  };
}
