import { XHttpError } from '@streamscope/connectors';
import type { WorkerContext } from '../../context';

export const HOUR_MS = 3_600_000;
/** Recent search and counts reach back seven days (contract §5). */
export const RECENT_WINDOW_MS = 7 * 24 * HOUR_MS;
/** max_results may not go below 10, so a smaller remainder cannot be spent without overshooting. */
export const MIN_SEARCH_PAGE = 10;

/** Posts the monthly budget still allows, and what was spent so far this UTC month. */
export async function budgetLeft(ctx: WorkerContext, now: number): Promise<{ spent: number; left: number }> {
  const spent = await ctx.xPosts.monthSpend(new Date(now));
  return { spent, left: Math.max(0, ctx.config.X_MONTHLY_POST_BUDGET - spent) };
}

/** One line per failed query for the run's error column (the client already scrubs upstream text). */
export function describeQueryFailure(queryId: string, err: unknown): string {
  if (err instanceof XHttpError) return `query ${queryId}: HTTP ${err.status}: ${err.message}`;
  return `query ${queryId}: ${err instanceof Error ? err.message : String(err)}`;
}

export function rateRemaining(ctx: WorkerContext, endpoint: string): number | null {
  return ctx.x?.stats.rateLimits[endpoint]?.remaining ?? null;
}
