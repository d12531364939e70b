import { resolve } from 'node:path';
import { loadConfigOrExit, secretValues } from '@streamscope/config';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { createSources, startWorkerRuntime } from '@streamscope/ingestion';
import { connectRedis } from '@streamscope/queues';
import { createLogger, type Logger } from '@streamscope/telemetry';

/**
 * The worker on its own (ROLE=worker, DATABASE_URL required): docker-compose scales these.
 * In the embedded default the API process hosts the worker instead (apps/api/src/main.ts).
 */
let logger: Logger | undefined;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.LOG_LEVEL, name: 'streamscope-worker', secrets: secretValues(config) });
  logger = log;
  if (config.database.kind !== 'server') {
    throw new Error('the standalone worker needs DATABASE_URL (the embedded database lives inside the API process; use npm start)');
  }
  const redis = await connectRedis(
    { url: config.redisUrl, explicit: config.redisUrlExplicit, startPrivate: 'never', dataDir: resolve(config.dataDir) },
    log,
  );
  const db: Database = await openDatabase({ kind: 'server', url: config.database.url, poolSize: config.DATABASE_POOL_SIZE }, { logger: log });
  await migrate(db, { compressAfterDays: config.COMPRESS_AFTER_DAYS, rawRetentionDays: config.RAW_RETENTION_DAYS });
  const source = await createSources(config, log);
  const runtime = await startWorkerRuntime({
    config,
    logger: log,
    db,
    connection: redis.bullConnection(),
    publisher: redis.client(),
    prefix: config.REDIS_PREFIX,
    helix: source.helix,
    simulated: source.twitchSimulated,
    x: source.x,
    xSimulated: source.xSimulated,
  });
  log.info('worker ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker shutting down: finishing the active job');
    const timer = setTimeout(() => process.exit(1), 30_000);
    timer.unref();
    runtime
      .close()
      .then(() => source.close())
      .then(() => db.close())
      .then(() => redis.stop())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  if (logger) logger.fatal({ error: message }, 'worker could not start');
  process.stderr.write(`\nStreamScope worker could not start: ${message}\n`);
  process.exit(1);
});
