import { JOB_QUEUE, LOCK_DURATION_MS, type JobName } from '@streamscope/queues';
import type { WorkerContext } from '../../context';

export const STALE_RUN_REASON = 'attempt abandoned: no worker holds its job any more (worker died and the job never ran again)';

/**
 * Closes `running` ingestion runs whose attempt is certainly dead. A rerun closes its own dead
 * attempts (dispatch.ts), but a job that never runs again (killed for the last time, removed by
 * hand, lost with Redis) would stay `running` for ever. A run is closed only when it started more
 * than one lock duration ago AND its job holds no lock in Redis: a live attempt renews its lock
 * every half lock duration, so live runs, however long, are never touched.
 */
export async function reapStaleRuns(ctx: WorkerContext, now: number): Promise<{ closed: number; live: number }> {
  const candidates = await ctx.runs.runningStartedBefore(new Date(now - (ctx.lockDurationMs ?? LOCK_DURATION_MS)));
  let closed = 0;
  let live = 0;
  for (const run of candidates) {
    // Only dispatch() writes runs, always with a known job and id; anything else is left alone.
    const queueName = Object.hasOwn(JOB_QUEUE, run.job) ? JOB_QUEUE[run.job as JobName] : null;
    if (!queueName || !run.jobId) continue;
    const queue = ctx.queues.byName[queueName];
    const client = await queue.getBackend().client;
    // BullMQ's lock key of the job: set while a worker runs it, expiring one lock duration after its last renewal.
    if ((await client.get(`${queue.toKey(run.jobId)}:lock`)) !== null) {
      live += 1;
      continue;
    }
    if (await ctx.runs.closeAbandoned(run.id, STALE_RUN_REASON)) closed += 1;
  }
  if (closed > 0) ctx.logger.warn({ closed }, 'closed ingestion runs left running by dead workers');
  return { closed, live };
}
