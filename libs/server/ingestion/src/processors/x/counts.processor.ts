import { RunFailure, type RunOutcome, type WorkerContext } from '../../context';
import { describeQueryFailure, HOUR_MS, rateRemaining, RECENT_WINDOW_MS } from './x-common';

/** Counts of the last hours keep changing (late posts, deletions): each run fetches them again. */
export const COUNTS_SETTLE_HOURS = 6;
/** The client may wait up to ~16 minutes for a rate-limit window before the request goes out. */
const FIRST_FILL_SLACK_MS = 20 * 60_000;

/**
 * Hourly post volume per active query from the counts endpoint (all matching posts, billed per
 * request, not per post). A query's first run fills the whole 7-day window; later runs re-fetch
 * the last six hours and upsert, so a bucket settles to its final value.
 */
export async function countXVolumes(ctx: WorkerContext, now: number, signal?: AbortSignal): Promise<RunOutcome> {
  if (!ctx.x) return { status: 'skipped', reason: 'no X source configured' };
  const queries = await ctx.xQueries.active();
  if (queries.length === 0) return { status: 'skipped', reason: 'no active tracked queries' };
  const floorHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  let apiCalls = 0;
  let rowsWritten = 0;
  let buckets = 0;
  const failures: string[] = [];
  for (const q of queries) {
    signal?.throwIfAborted();
    const fresh = !(await ctx.xCounts.hasAny(q.queryId, 'hour'));
    // Whole hours only (a window starting mid-hour would store a partial first bucket as if
    // whole), with room for a rate-limit wait before the request: the 7-day floor moves meanwhile.
    const start = fresh ? Math.ceil((now - RECENT_WINDOW_MS + FIRST_FILL_SLACK_MS) / HOUR_MS) * HOUR_MS : floorHour - COUNTS_SETTLE_HOURS * HOUR_MS;
    try {
      const res = await ctx.x.countsRecent(q.query, { granularity: 'hour', startTime: new Date(start), signal });
      apiCalls += res.apiCalls;
      const whole = res.buckets.filter((b) => b.start.getTime() % HOUR_MS === 0);
      buckets += whole.length;
      rowsWritten += await ctx.xCounts.upsert(q.queryId, 'hour', whole.map((b) => ({ start: b.start, count: b.count })), new Date(now));
    } catch (err) {
      if (signal?.aborted) throw err;
      ctx.logger.warn({ queryId: q.queryId, error: describeQueryFailure(q.queryId, err) }, 'x counts failed for a query');
      failures.push(describeQueryFailure(q.queryId, err));
    }
  }
  const outcome = {
    apiCalls,
    pages: apiCalls,
    rowsWritten,
    rateLimitRemaining: rateRemaining(ctx, 'GET /tweets/counts/recent'),
    costUnits: 0,
  };
  if (failures.length) throw new RunFailure(`x counts failed for ${failures.length}/${queries.length} queries: ${failures.join('; ')}`, outcome);
  return { status: 'succeeded', reason: `${queries.length} queries, ${buckets} hourly buckets fetched, ${rowsWritten} changed`, ...outcome };
}
