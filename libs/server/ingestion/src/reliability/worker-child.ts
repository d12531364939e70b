/**
 * A worker process for the fault tests: the same runtime as apps/worker, configured from one
 * JSON environment variable so a test can SIGKILL or SIGTERM it and start another.
 * Run with `node --import tsx worker-child.ts`; prints `{"msg":"child ready"}` when it takes jobs.
 */
import { Redis } from 'ioredis';
import { parseConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { openDatabase } from '@streamscope/db';
import { createLogger } from '@streamscope/telemetry';
import { startWorkerRuntime, type RuntimeTuning } from '../runtime';

export interface ChildSettings {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  helix: { clientId: string; clientSecret: string; apiUrl: string; authUrl: string };
  tuning?: RuntimeTuning;
  schedules?: boolean;
  env?: Record<string, string>;
  graceMs?: number;
  /** Poison jobs: the process SIGKILLs itself inside the processor, at its first Helix call (a crash loop). */
  crashInProcessor?: boolean;
}

const settings = JSON.parse(process.env.RELIABILITY_CHILD ?? '{}') as ChildSettings;
const config = parseConfig({ BACKFILL_DAYS: '0', LOG_LEVEL: 'info', ...settings.env });
const logger = createLogger({ level: 'info', name: 'worker-child' });

const db = await openDatabase({ kind: 'server', url: settings.databaseUrl, poolSize: 3 }, { logger });
const connection = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
const publisher = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
for (const c of [connection, publisher]) c.on('error', (err) => logger.warn({ error: err.message }, 'redis connection error'));
const helix = new HelixClient({ ...settings.helix, logger });
if (settings.crashInProcessor) {
  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable');
  };
  helix.getTopGames = async () => die();
  helix.sweepStreams = async () => die();
}
const runtime = await startWorkerRuntime({
  config,
  logger,
  db,
  connection,
  publisher,
  prefix: settings.prefix,
  helix,
  simulated: true,
  schedules: settings.schedules ?? false,
  tuning: settings.tuning,
});
for (const w of runtime.workers) {
  w.on('active', (job) => {
    logger.info({ jobId: job.id, job: job.name }, 'job active');
  });
}
logger.info({ pid: process.pid }, 'child ready');

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  logger.info('child stopping');
  const timer = setTimeout(() => process.exit(1), settings.graceMs ?? 30_000);
  timer.unref();
  runtime
    .close()
    .then(() => db.close())
    .then(() => {
      connection.disconnect();
      publisher.disconnect();
      logger.info('child stopped');
      process.exit(0);
    })
    .catch(() => process.exit(1));
});
