import { UnrecoverableError, type Job, type JobSchedulerJobOptions } from 'bullmq';
import { InvalidJobError, JOB_QUEUE, parseJob } from '@streamscope/queues';
import { scrubSecrets } from '@streamscope/telemetry';
import { secretValues } from '@streamscope/config';
import { RunFailure, type RunOutcome, type WorkerContext } from './context';
import { backfillHistory } from './processors/twitch/backfill.processor';
import { refreshMetadata } from './processors/twitch/metadata.processor';
import { recordTopGames } from './processors/twitch/top-games.processor';
import { sweepStreams } from './processors/twitch/sweep-streams.processor';
import { runMaintenance } from './processors/maintenance/maintenance.processor';
import { autoTrackGames } from './processors/x/auto-track.processor';
import { countXVolumes } from './processors/x/counts.processor';
import { refreshXMetrics } from './processors/x/metrics.processor';
import { searchXPosts } from './processors/x/search.processor';

/**
 * The scheduled slot of a scheduler job, which BullMQ writes into its id
 * (`repeat:<scheduler>:<millis>`); the enqueue time of a one-off job. The job's own timestamp
 * is when the previous run created it, so it must not be used for scheduled runs.
 */
export function slotOf(job: Pick<Job, 'id' | 'timestamp'>): number {
  const match = /^repeat:.+:(\d+)$/.exec(String(job.id ?? ''));
  return match ? Number(match[1]) : job.timestamp;
}

/**
 * The interval a scheduler job was fired with (BullMQ copies the scheduler's `repeat.every` into
 * each job it creates, and an upsert replaces the pending job); null for one-off jobs. Reading it
 * from the job keeps a sweep's sample_seconds equal to the spacing it actually ran at, even while
 * an interval change is on its way from the database to Redis.
 */
export function scheduledEverySeconds(job: Pick<Job, 'repeatJobKey' | 'opts'>): number | null {
  const everyMs = job.repeatJobKey ? (job.opts as JobSchedulerJobOptions).repeat?.every : undefined;
  return typeof everyMs === 'number' && everyMs >= 1000 && everyMs % 1000 === 0 ? everyMs / 1000 : null;
}

const ABANDONED = 'attempt abandoned: its worker stopped (process died or lost the database) before recording the outcome';

/** Same as the Worker's maxStalledCount default in runtime.ts. */
export const DEFAULT_MAX_STALLS = 2;

const SOURCE_OF: Record<string, string> = { twitch: 'twitch', maintenance: 'maintenance', x: 'x' };

/**
 * Validates the job, runs its processor and records the run. A payload that fails the
 * contract ends the job without retries and writes nothing.
 */
export async function dispatch(ctx: WorkerContext, job: Job, signal?: AbortSignal, maxStalls = DEFAULT_MAX_STALLS): Promise<RunOutcome> {
  // BullMQ never fails a scheduler's job for stalling (it only defers that for one-off jobs):
  // a job that kills its process each time would otherwise crash-loop every worker forever.
  // Each start that ended neither in success nor in a counted failure was a dead worker.
  const deaths = (job.attemptsStarted ?? 0) - (job.attemptsMade ?? 0) - 1;
  // This job holds the lock now: any run of it still marked running belongs to a dead attempt.
  if (deaths > 0 || job.attemptsMade > 0) {
    await ctx.runs.abandon(job.name, String(job.id), ABANDONED).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not close abandoned runs'));
  }
  if (deaths > maxStalls) {
    ctx.logger.error({ jobId: job.id, job: job.name, deaths }, 'giving up on a job that keeps killing its worker');
    throw new UnrecoverableError(`worker process died ${deaths} times while running this job; not retried`);
  }
  let parsed;
  try {
    parsed = parseJob(job.name, job.data);
  } catch (err) {
    if (err instanceof InvalidJobError) {
      ctx.logger.warn({ jobId: job.id, job: job.name, problems: err.problems }, 'rejected invalid job payload');
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }
  // A valid job on the wrong queue (added by hand, e.g. from Bull Board) would bypass that queue's concurrency.
  if (JOB_QUEUE[parsed.name] !== job.queueName) {
    ctx.logger.warn({ jobId: job.id, job: job.name, queue: job.queueName }, 'rejected job on the wrong queue');
    throw new UnrecoverableError(`invalid job ${JSON.stringify(job.name)}: belongs on queue ${JOB_QUEUE[parsed.name]}, not ${job.queueName}`);
  }

  const runId = await ctx.runs.start({ source: SOURCE_OF[job.queueName] ?? job.queueName, job: job.name, jobId: String(job.id) });
  try {
    const outcome = await run(ctx, job, parsed, signal);
    await ctx.runs.finish(runId, {
      status: outcome.status,
      apiCalls: outcome.apiCalls ?? 0,
      pages: outcome.pages ?? 0,
      rowsWritten: outcome.rowsWritten ?? 0,
      duplicatesDropped: outcome.duplicatesDropped ?? 0,
      rateLimitRemaining: outcome.rateLimitRemaining ?? null,
      costUnits: outcome.costUnits ?? 0,
      error: null,
    });
    await ctx.publish({ type: 'run.finished', job: job.name, status: outcome.status });
    ctx.logger.info({ jobId: job.id, job: job.name, ...outcome }, 'job finished');
    return outcome;
  } catch (err) {
    const message = scrubSecrets(err instanceof Error ? err.message : String(err), secretValues(ctx.config));
    // Work done before the failure stays on record: billed X reads count against the budget.
    const partial = err instanceof RunFailure ? err.partial : {};
    await ctx.runs
      .finish(runId, {
        status: 'failed',
        apiCalls: partial.apiCalls ?? 0,
        pages: partial.pages ?? 0,
        rowsWritten: partial.rowsWritten ?? 0,
        duplicatesDropped: partial.duplicatesDropped ?? 0,
        rateLimitRemaining: job.queueName === 'x' ? (partial.rateLimitRemaining ?? null) : ctx.helix.stats.rateLimitRemaining,
        costUnits: partial.costUnits ?? 0,
        error: message.slice(0, 2000),
      })
      .catch((e: unknown) => ctx.logger.error({ err: e }, 'could not record failed run'));
    await ctx.publish({ type: 'run.finished', job: job.name, status: 'failed' }).catch(() => undefined);
    ctx.logger.warn({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1, error: message }, 'job failed');
    throw err;
  }
}

const xNow = (ctx: WorkerContext): number => (ctx.now ? ctx.now() : Date.now());

async function run(ctx: WorkerContext, job: Job, parsed: ReturnType<typeof parseJob>, signal?: AbortSignal): Promise<RunOutcome> {
  switch (parsed.name) {
    case 'twitch.sweep-streams':
      return sweepStreams(ctx, { data: parsed.data, slotMillis: slotOf(job), everySeconds: scheduledEverySeconds(job), signal });
    case 'twitch.top-games':
      return recordTopGames(ctx, slotOf(job), scheduledEverySeconds(job), signal);
    case 'twitch.metadata':
      return refreshMetadata(ctx, Date.now(), signal);
    case 'twitch.backfill':
      return backfillHistory(ctx, {
        data: parsed.data,
        now: job.timestamp,
        signal,
        onProgress: (done, total) => job.updateProgress({ done, total }),
      });
    case 'maintenance.run':
      return runMaintenance(ctx, Date.now());
    case 'x.counts':
      return countXVolumes(ctx, xNow(ctx), signal);
    case 'x.search':
      return searchXPosts(ctx, xNow(ctx), signal);
    case 'x.metrics':
      return refreshXMetrics(ctx, xNow(ctx), signal);
    case 'x.auto-track':
      return autoTrackGames(ctx, xNow(ctx));
  }
}
