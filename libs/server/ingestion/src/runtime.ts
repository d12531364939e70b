import { Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@streamscope/config';
import type { HelixClient } from '@streamscope/connectors';
import {
  DimensionRepository,
  IngestionRunRepository,
  MaintenanceRepository,
  SweepRepository,
  type Database,
} from '@streamscope/db';
import { LOCK_DURATION_MS, Queues, QUEUE_NAMES } from '@streamscope/queues';
import type { Logger } from '@streamscope/telemetry';
import type { PipelineEvent, WorkerContext } from './context';
import { dispatch } from './dispatch';
import { scheduleTable } from './schedulers';

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
  /** Register the schedule table (on by default; tests may drive jobs by hand). */
  schedules?: boolean;
}

export interface WorkerRuntime {
  queues: Queues;
  workers: Worker[];
  context: WorkerContext;
  /** Stops taking jobs and waits for active ones to finish (graceful shutdown). */
  close(): Promise<void>;
}

export function eventsChannel(prefix: string): string {
  return `${prefix}:events`;
}

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
    queues,
    simulated: opts.simulated,
    publish: async (event: PipelineEvent) => {
      await opts.publisher.publish(channel, JSON.stringify(event));
    },
  };

  const workers = QUEUE_NAMES.map(
    (name) =>
      new Worker(name, (job, _token, signal) => dispatch(context, job, signal), {
        connection: opts.connection,
        prefix: opts.prefix,
        // One job at a time per queue and process: a sweep already saturates the Helix budget.
        concurrency: 1,
        lockDuration: LOCK_DURATION_MS,
        maxStalledCount: 2,
        autorun: true,
      }),
  );
  for (const w of workers) {
    w.on('error', (err) => logger.error({ err, queue: w.name }, 'worker error'));
    w.on('failed', (job, err) =>
      logger.warn({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, error: err.message }, 'job attempt failed'),
    );
  }

  if (opts.schedules !== false) {
    for (const entry of scheduleTable(config)) {
      await queues.upsertSchedule(entry.id, entry.job, entry.everySeconds * 1000, { trigger: 'schedule' });
    }
    // The scheduler's first run is at the next slot; sweep the current slot now so a fresh
    // install shows data at once. Same job id within a slot: replicas do not double it.
    const slot = Math.floor(Date.now() / (config.SWEEP_INTERVAL_SECONDS * 1000));
    await queues.enqueue('twitch.sweep-streams', { trigger: 'startup' }, { jobId: `startup-sweep-${slot}` });
    await queues.enqueue('maintenance.run', { trigger: 'startup' }, { jobId: `startup-maintenance-${slot}` });
    if (opts.simulated && config.BACKFILL_DAYS > 0) {
      await queues.enqueue(
        'twitch.backfill',
        { trigger: 'startup', days: config.BACKFILL_DAYS, spacingSeconds: config.BACKFILL_SPACING_SECONDS },
        // Only the first start backfills; later starts find the slots stored and skip quickly.
        { jobId: `backfill-${config.BACKFILL_DAYS}d-${Math.floor(Date.now() / 86_400_000)}`, priority: 10 },
      );
    }
    logger.info({ schedules: scheduleTable(config) }, 'job schedulers registered');
  }

  return {
    queues,
    workers,
    context,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
    },
  };
}
