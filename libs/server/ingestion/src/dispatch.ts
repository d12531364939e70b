import { UnrecoverableError, type Job } from 'bullmq';
import { InvalidJobError, parseJob } from '@streamscope/queues';
import { scrubSecrets } from '@streamscope/telemetry';
import { secretValues } from '@streamscope/config';
import type { RunOutcome, WorkerContext } from './context';
import { backfillHistory } from './processors/twitch/backfill.processor';
import { refreshMetadata } from './processors/twitch/metadata.processor';
import { recordTopGames } from './processors/twitch/top-games.processor';
import { sweepStreams } from './processors/twitch/sweep-streams.processor';
import { runMaintenance } from './processors/maintenance/maintenance.processor';

/**
 * The scheduled slot of a scheduler job, which BullMQ writes into its id
 * (`repeat:<scheduler>:<millis>`); the enqueue time of a one-off job. The job's own timestamp
 * is when the previous run created it, so it must not be used for scheduled runs.
 */
export function slotOf(job: Pick<Job, 'id' | 'timestamp'>): number {
  const match = /^repeat:.+:(\d+)$/.exec(String(job.id ?? ''));
  return match ? Number(match[1]) : job.timestamp;
}

const SOURCE_OF: Record<string, string> = { twitch: 'twitch', maintenance: 'maintenance' };

/**
 * Validates the job, runs its processor and records the run. A payload that fails the
 * contract ends the job without retries and writes nothing.
 */
export async function dispatch(ctx: WorkerContext, job: Job, signal?: AbortSignal): Promise<RunOutcome> {
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
      costUnits: 0,
      error: null,
    });
    await ctx.publish({ type: 'run.finished', job: job.name, status: outcome.status });
    ctx.logger.info({ jobId: job.id, job: job.name, ...outcome }, 'job finished');
    return outcome;
  } catch (err) {
    const message = scrubSecrets(err instanceof Error ? err.message : String(err), secretValues(ctx.config));
    await ctx.runs
      .finish(runId, {
        status: 'failed',
        apiCalls: 0,
        pages: 0,
        rowsWritten: 0,
        duplicatesDropped: 0,
        rateLimitRemaining: ctx.helix.stats.rateLimitRemaining,
        costUnits: 0,
        error: message.slice(0, 2000),
      })
      .catch((e: unknown) => ctx.logger.error({ err: e }, 'could not record failed run'));
    await ctx.publish({ type: 'run.finished', job: job.name, status: 'failed' }).catch(() => undefined);
    ctx.logger.warn({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1, error: message }, 'job failed');
    throw err;
  }
}

async function run(ctx: WorkerContext, job: Job, parsed: ReturnType<typeof parseJob>, signal?: AbortSignal): Promise<RunOutcome> {
  switch (parsed.name) {
    case 'twitch.sweep-streams':
      return sweepStreams(ctx, { data: parsed.data, slotMillis: slotOf(job), signal });
    case 'twitch.top-games':
      return recordTopGames(ctx, slotOf(job), signal);
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
  }
}
