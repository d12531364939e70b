import { ScheduleOverrideRepository } from '@streamscope/db';
import type { JobData } from '@streamscope/queues';
import type { WorkerContext, RunOutcome } from '../../context';
import { sweepTimestamp, toStreamObservation } from '../../ingest/streams.mapper';
import { effectiveEverySeconds } from '../../schedule-overrides';
import { SWEEP_SCHEDULE_ID } from '../../schedulers';

export interface SweepRequest {
  data: JobData<'twitch.sweep-streams'>;
  /** The scheduled slot (scheduler jobs) or the enqueue time (manual runs). */
  slotMillis: number;
  /** The interval the scheduler fired this job with; null for one-off (startup, manual) jobs. */
  everySeconds?: number | null;
  signal?: AbortSignal;
}

/**
 * One full sweep of live streams, stored atomically under one timestamp. Safe to retry: if the
 * slot's sweep is already committed, nothing is fetched or written.
 */
export async function sweepStreams(ctx: WorkerContext, req: SweepRequest): Promise<RunOutcome> {
  const backfill = req.data.at !== undefined;
  if (backfill && !ctx.simulated) {
    throw new Error('history backfill needs the simulator: the real Helix API has no past');
  }
  // A sweep stands for [ts, ts + sample_seconds): the spacing it runs at, which an operator may
  // have overridden at run time, so never the configured SWEEP_INTERVAL_SECONDS as such.
  const interval = backfill
    ? ctx.config.BACKFILL_SPACING_SECONDS
    : (req.everySeconds ?? (await effectiveEverySeconds(ctx.config, new ScheduleOverrideRepository(ctx.db), SWEEP_SCHEDULE_ID)));
  const ts = backfill ? new Date(req.data.at as string) : sweepTimestamp(req.slotMillis, interval);
  if (await ctx.sweeps.sweepExists(ts)) {
    return { status: 'skipped', reason: `sweep ${ts.toISOString()} already stored` };
  }

  const startedAt = new Date();
  const result = await ctx.helix.sweepStreams({
    maxPages: ctx.config.SWEEP_MAX_PAGES > 0 ? ctx.config.SWEEP_MAX_PAGES : undefined,
    signal: req.signal,
    at: backfill ? ts : undefined,
  });
  const status = result.partial ? 'partial' : 'complete';
  const written = await ctx.sweeps.writeSweep({
    ts,
    sampleSeconds: interval,
    status,
    pages: result.pages,
    apiCalls: result.apiCalls,
    duplicatesDropped: result.duplicatesDropped,
    startedAt,
    finishedAt: new Date(),
    streams: result.streams.map(toStreamObservation),
  });
  if (written.written) {
    await ctx.publish({ type: 'sweep.completed', ts: ts.toISOString(), streams: result.streams.length, status });
  }
  return {
    status: written.written ? 'succeeded' : 'skipped',
    reason: written.written
      ? `${status} sweep ${ts.toISOString()}: ${result.streams.length} streams (${result.stopReason})`
      : `sweep ${ts.toISOString()} was committed by another run meanwhile`,
    apiCalls: result.apiCalls,
    pages: result.pages,
    rowsWritten: written.rows,
    duplicatesDropped: result.duplicatesDropped,
    rateLimitRemaining: result.rateLimitRemaining,
  };
}
