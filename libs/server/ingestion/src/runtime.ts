import { Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@streamscope/config';
import type { HelixClient, XClient } from '@streamscope/connectors';
import {
  DimensionRepository,
  IngestionRunRepository,
  MaintenanceRepository,
  ScheduleOverrideRepository,
  SweepRepository,
  XCountsRepository,
  XPostRepository,
  XQueryRepository,
  type Database,
} from '@streamscope/db';
import { eventsChannel, LOCK_DURATION_MS, Queues, QUEUE_NAMES } from '@streamscope/queues';
import type { Logger } from '@streamscope/telemetry';
import type { PipelineEvent, WorkerContext } from './context';
import { DEFAULT_MAX_STALLS, dispatch } from './dispatch';
import { effectiveSchedules, upsertSchedule } from './schedule-overrides';
import { SWEEP_SCHEDULE_ID } from './schedulers';
import { XTrackedQueryService } from './x/tracked-queries.service';

export interface WorkerRuntimeOptions {
  config: AppConfig;
  logger: Logger;
  db: Database;
  /** BullMQ connection for workers (maxRetriesPerRequest must be null). */
  connection: ConnectionOptions;
  /** A separate client used to PUBLISH pipeline events. */
  publisher: Redis;
  prefix: string;
  helix: HelixClient;
  simulated: boolean;
  /** The X source (createSources); without one the X jobs skip. */
  x?: XClient | null;
  xSimulated?: boolean;
  /** Register the schedule table (on by default; tests may drive jobs by hand). */
  schedules?: boolean;
  /** Stall detection timing; the defaults suit production, fault tests shorten them. */
  tuning?: RuntimeTuning;
}

export interface RuntimeTuning {
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
  /** How often the schedule table is re-upserted (it is also re-upserted on every Redis reconnect). */
  reconcileEveryMs?: number;
}

/** A lost Redis (no persistence, eviction, FLUSHALL) drops the schedulers; re-registering restores them. */
const DEFAULT_RECONCILE_EVERY_MS = 5 * 60_000;

export interface WorkerRuntime {
  queues: Queues;
  workers: Worker[];
  context: WorkerContext;
  /** Stops taking jobs and waits for active ones to finish (graceful shutdown). */
  close(): Promise<void>;
}

/** Jobs that may be cancelled at shutdown because a retry resumes them where they stopped. */
const INTERRUPTIBLE_JOBS = new Set<string>(['twitch.backfill']);

export async function startWorkerRuntime(opts: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { config, logger, db } = opts;
  const queues = new Queues({ connection: opts.connection, prefix: opts.prefix });
  const channel = eventsChannel(opts.prefix);
  const context: WorkerContext = {
    config,
    logger,
    db,
    sweeps: new SweepRepository(db),
    dimensions: new DimensionRepository(db),
    maintenance: new MaintenanceRepository(db),
    runs: new IngestionRunRepository(db),
    helix: opts.helix,
    x: opts.x ?? null,
    xSimulated: opts.xSimulated ?? false,
    xQueries: new XQueryRepository(db),
    xCounts: new XCountsRepository(db),
    xPosts: new XPostRepository(db),
    queues,
    simulated: opts.simulated,
    lockDurationMs: opts.tuning?.lockDurationMs ?? LOCK_DURATION_MS,
    publish: async (event: PipelineEvent) => {
      await opts.publisher.publish(channel, JSON.stringify(event));
    },
  };

  const interruptible = new Map<string, string>();
  const workers = QUEUE_NAMES.map(
    (name) =>
      new Worker(name, (job, _token, signal) => {
        // Long, resumable jobs are interrupted at shutdown instead of holding it up (see close).
        if (INTERRUPTIBLE_JOBS.has(job.name) && job.id) interruptible.set(job.id, name);
        return dispatch(context, job, signal, opts.tuning?.maxStalledCount ?? DEFAULT_MAX_STALLS).finally(() => {
          if (job.id) interruptible.delete(job.id);
        });
      }, {
        connection: opts.connection,
        prefix: opts.prefix,
        // One job at a time per queue and process: a sweep already saturates the Helix budget.
        concurrency: 1,
        lockDuration: opts.tuning?.lockDurationMs ?? LOCK_DURATION_MS,
        ...(opts.tuning?.stalledIntervalMs ? { stalledInterval: opts.tuning.stalledIntervalMs } : {}),
        maxStalledCount: opts.tuning?.maxStalledCount ?? DEFAULT_MAX_STALLS,
        autorun: true,
      }),
  );
  for (const w of workers) {
    w.on('error', (err) => logger.error({ err, queue: w.name }, 'worker error'));
    w.on('failed', (job, err) =>
      logger.warn({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, error: err.message }, 'job attempt failed'),
    );
  }

  if (context.x && config.X_TRACKED_QUERIES.length > 0) {
    const created = await new XTrackedQueryService(context.xQueries).seedFromConfig(config.X_TRACKED_QUERIES);
    logger.info({ configured: config.X_TRACKED_QUERIES.length, created }, 'X tracked queries seeded from X_TRACKED_QUERIES');
  }

  let reconcileTimer: NodeJS.Timeout | null = null;
  let onReconnect: (() => void) | null = null;
  if (opts.schedules !== false) {
    // Intervals set at run time live in the database: every (re)registration applies them, so a
    // restart or an emptied Redis never falls back to the configured interval.
    const overrides = new ScheduleOverrideRepository(db);
    const upsertAll = async () => {
      const { schedules, ignored } = await effectiveSchedules(config, overrides);
      if (ignored.length) logger.warn({ ignored }, 'schedule overrides ignored');
      for (const entry of schedules) await upsertSchedule(queues, entry);
      return schedules;
    };
    const registered = await upsertAll();
    const reconcile = () => {
      upsertAll().catch((err: unknown) =>
        logger.warn({ error: err instanceof Error ? err.message : String(err) }, 'could not re-register job schedulers (retrying later)'),
      );
    };
    // 'ready' fires again after every reconnect: a Redis that came back empty gets its schedules at once.
    onReconnect = reconcile;
    opts.publisher.on('ready', onReconnect);
    reconcileTimer = setInterval(reconcile, opts.tuning?.reconcileEveryMs ?? DEFAULT_RECONCILE_EVERY_MS);
    reconcileTimer.unref();
    // The scheduler's first run is at the next slot; sweep the current slot now so a fresh
    // install shows data at once. Same job id within a slot: replicas do not double it.
    const sweepEvery = registered.find((e) => e.id === SWEEP_SCHEDULE_ID)?.everySeconds ?? config.SWEEP_INTERVAL_SECONDS;
    const slot = Math.floor(Date.now() / (sweepEvery * 1000));
    await queues.enqueue('twitch.sweep-streams', { trigger: 'startup' }, { jobId: `startup-sweep-${slot}` });
    await queues.enqueue('maintenance.run', { trigger: 'startup' }, { jobId: `startup-maintenance-${slot}` });
    if (context.x) {
      // After the startup sweep has landed, so a fresh install has games to track; it then
      // enqueues counts and search for any query it creates.
      await queues.enqueue('x.auto-track', { trigger: 'startup' }, { jobId: `startup-x-auto-track-${slot}`, delay: 60_000 });
      await queues.enqueue('x.counts', { trigger: 'startup' }, { jobId: `startup-x-counts-${slot}` });
    }
    if (opts.simulated && config.BACKFILL_DAYS > 0) {
      await queues.enqueue(
        'twitch.backfill',
        { trigger: 'startup', days: config.BACKFILL_DAYS, spacingSeconds: config.BACKFILL_SPACING_SECONDS },
        // Only the first start backfills; later starts find the slots stored and skip quickly.
        { jobId: `backfill-${config.BACKFILL_DAYS}d-${Math.floor(Date.now() / 86_400_000)}`, priority: 10 },
      );
    }
    logger.info({ schedules: registered }, 'job schedulers registered');
  }

  return {
    queues,
    workers,
    context,
    async close() {
      if (reconcileTimer) clearInterval(reconcileTimer);
      if (onReconnect) opts.publisher.off('ready', onReconnect);
      // A backfill can run for minutes; it stops between slots and is retried after the restart,
      // skipping the slots already stored. Every other active job finishes normally.
      for (const [jobId, queue] of interruptible) workers.find((w) => w.name === queue)?.cancelJob(jobId, 'worker shutting down');
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
    },
  };
}
