import { RunFailure, type RunOutcome, type WorkerContext } from '../../context';
import { budgetLeft, describeQueryFailure, MIN_SEARCH_PAGE, rateRemaining } from './x-common';

/**
 * The stored post sample: recent search per active query from its since_id checkpoint, within
 * the per-run cap and the monthly post budget (X bills every post read). The allowance is
 * shared fairly, least recently searched query first. A query's posts and its new checkpoint
 * commit in one transaction; a query whose pages fail stores nothing and keeps its checkpoint.
 * When the cap cuts a query short, the checkpoint still moves to the newest post: the older
 * posts of that interval are skipped (volume comes from counts, never from this sample).
 */
export async function searchXPosts(ctx: WorkerContext, now: number, signal?: AbortSignal): Promise<RunOutcome> {
  if (!ctx.x) return { status: 'skipped', reason: 'no X source configured' };
  const budget = ctx.config.X_MONTHLY_POST_BUDGET;
  const { spent, left: monthLeft } = await budgetLeft(ctx, now);
  let left = Math.min(ctx.config.X_SEARCH_MAX_POSTS_PER_RUN, monthLeft);
  if (left < MIN_SEARCH_PAGE) {
    return { status: 'skipped', reason: `monthly post budget spent: ${spent} of ${budget} posts read this month`, costUnits: 0 };
  }
  const queries = await ctx.xQueries.active();
  if (queries.length === 0) return { status: 'skipped', reason: 'no active tracked queries', costUnits: 0 };

  let apiCalls = 0;
  let pages = 0;
  let postsRead = 0;
  let rowsWritten = 0;
  let duplicates = 0;
  let searched = 0;
  let capped = false;
  const failures: string[] = [];
  for (let i = 0; i < queries.length; i++) {
    signal?.throwIfAborted();
    if (left < MIN_SEARCH_PAGE) {
      capped = true;
      break;
    }
    const q = queries[i]!;
    const allowance = Math.min(left, Math.max(MIN_SEARCH_PAGE, Math.floor(left / (queries.length - i))));
    try {
      const res = await ctx.x.searchRecent(q.query, {
        sinceId: q.sinceId ?? undefined,
        maxPosts: allowance,
        maxResults: Math.min(100, allowance),
        signal,
      });
      apiCalls += res.apiCalls;
      pages += res.pages;
      postsRead += res.postsRead;
      left -= res.postsRead;
      if (res.stoppedBy === 'cap') capped = true;
      const written = await ctx.xPosts.writeSearchResult({
        queryId: q.queryId,
        posts: res.posts,
        authors: res.users,
        newestId: res.newestId,
        ts: new Date(now),
      });
      rowsWritten += written.rows;
      duplicates += written.duplicates;
      searched += 1;
    } catch (err) {
      if (signal?.aborted) throw err;
      ctx.logger.warn({ queryId: q.queryId, error: describeQueryFailure(q.queryId, err) }, 'x search failed for a query; its checkpoint stays');
      failures.push(describeQueryFailure(q.queryId, err));
    }
  }
  const outcome = {
    apiCalls,
    pages,
    rowsWritten,
    duplicatesDropped: duplicates,
    rateLimitRemaining: rateRemaining(ctx, 'GET /tweets/search/recent'),
    costUnits: postsRead,
  };
  if (failures.length) throw new RunFailure(`x search failed for ${failures.length}/${queries.length} queries: ${failures.join('; ')}`, outcome);
  const remaining = Math.max(0, budget - spent - postsRead);
  return {
    status: 'succeeded',
    reason: `${searched}/${queries.length} queries searched, ${postsRead} posts read, ${remaining} of ${budget} left this month${capped ? '; stopped at the per-run cap or the monthly budget' : ''}`,
    ...outcome,
  };
}
