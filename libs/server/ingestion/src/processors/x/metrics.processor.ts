import { RunFailure, type RunOutcome, type WorkerContext } from '../../context';
import { budgetLeft, RECENT_WINDOW_MS, rateRemaining } from './x-common';

const LOOKUP_BATCH = 100;

/**
 * Appends a public-metrics snapshot for stored posts younger than 7 days, stalest first, 100 ids
 * per lookup. Looked-up posts are billed reads too, so the run stays within the per-run cap and
 * the monthly budget; each batch commits on its own, so a later failure keeps earlier snapshots.
 */
export async function refreshXMetrics(ctx: WorkerContext, now: number, signal?: AbortSignal): Promise<RunOutcome> {
  if (!ctx.x) return { status: 'skipped', reason: 'no X source configured' };
  const { spent, left: monthLeft } = await budgetLeft(ctx, now);
  const allowance = Math.min(ctx.config.X_SEARCH_MAX_POSTS_PER_RUN, monthLeft);
  if (allowance <= 0) return { status: 'skipped', reason: `monthly post budget spent: ${spent} of ${ctx.config.X_MONTHLY_POST_BUDGET}`, costUnits: 0 };
  const ids = await ctx.xPosts.refreshCandidates(new Date(now), RECENT_WINDOW_MS, allowance);
  if (ids.length === 0) return { status: 'skipped', reason: 'no stored posts younger than 7 days', costUnits: 0 };

  let apiCalls = 0;
  let postsRead = 0;
  let rowsWritten = 0;
  let missing = 0;
  for (let k = 0; k < ids.length; k += LOOKUP_BATCH) {
    signal?.throwIfAborted();
    const batch = ids.slice(k, k + LOOKUP_BATCH);
    try {
      const res = await ctx.x.lookupPosts(batch, { signal });
      apiCalls += res.apiCalls;
      postsRead += res.posts.length;
      missing += res.partialErrors.length;
      rowsWritten += await ctx.xPosts.appendMetrics(
        new Date(now),
        res.posts.filter((p) => p.metrics).map((p) => ({ postId: p.id, metrics: p.metrics! })),
        res.users,
      );
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new RunFailure(`x metrics lookup failed after ${k} of ${ids.length} posts: ${err instanceof Error ? err.message : String(err)}`, {
        apiCalls,
        pages: apiCalls,
        rowsWritten,
        costUnits: postsRead,
        rateLimitRemaining: rateRemaining(ctx, 'GET /tweets'),
      });
    }
  }
  return {
    status: 'succeeded',
    reason: `${rowsWritten} snapshots for ${ids.length} posts${missing ? `, ${missing} no longer available` : ''}`,
    apiCalls,
    pages: apiCalls,
    rowsWritten,
    rateLimitRemaining: rateRemaining(ctx, 'GET /tweets'),
    costUnits: postsRead,
  };
}
