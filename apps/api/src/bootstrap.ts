import type { AppConfig } from '@streamscope/config';
import { migrate, MIGRATIONS, openDatabase, type Database } from '@streamscope/db';
import { connectRedis, type RedisHandle } from '@streamscope/queues';
import type { Logger } from '@streamscope/telemetry';

/** A failure at start that has a plain explanation: printed without a stack, exit 1. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export async function openAndMigrate(config: AppConfig, logger: Logger): Promise<{ db: Database; migrations: string[] }> {
  let db: Database;
  try {
    db =
      config.database.kind === 'embedded'
        ? await openDatabase({ kind: 'embedded', dir: config.database.dir })
        : await openDatabase({ kind: 'server', url: config.database.url, poolSize: config.DATABASE_POOL_SIZE }, { logger });
  } catch (err) {
    throw new StartupError(`cannot open the database: ${err instanceof Error ? err.message : String(err)}`);
  }
  const info = await db.info();
  logger.info({ dialect: info.dialect, postgres: info.postgresVersion, timescaledb: info.timescaleVersion, kind: db.kind }, 'database opened');
  const result = await migrate(db, {
    compressAfterDays: config.COMPRESS_AFTER_DAYS,
    rawRetentionDays: config.RAW_RETENTION_DAYS,
    partitionsAheadDays: config.PARTITIONS_AHEAD_DAYS,
  });
  if (result.applied.length) logger.info({ applied: result.applied }, 'migrations applied');
  return { db, migrations: MIGRATIONS.map((m) => m.name) };
}

export async function openRedis(config: AppConfig, logger: Logger): Promise<RedisHandle> {
  try {
    return await connectRedis(
      { url: config.redisUrl, explicit: config.redisUrlExplicit, startPrivate: config.REDIS_START_PRIVATE, dataDir: config.dataDir },
      logger,
    );
  } catch (err) {
    throw new StartupError(err instanceof Error ? err.message : String(err));
  }
}

/** Runs `main`, turning StartupErrors into one clear line and exit code 1 (no restart loop of stacks). */
export function runMain(main: () => Promise<void>, logger: () => Logger | undefined): void {
  main().catch((err: unknown) => {
    if (err instanceof StartupError) {
      process.stderr.write(`\nStreamScope could not start: ${err.message}\n`);
    } else {
      const log = logger();
      if (log) log.fatal({ err }, 'fatal error at start');
      else process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    }
    process.exit(1);
  });
}

/** SIGTERM/SIGINT: run the shutdown steps once, exit 0, or exit 1 if they overrun the grace period. */
export function onShutdown(logger: Logger, graceMs: number, steps: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new jobs, finishing the active ones');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown overran its grace period');
      process.exit(1);
    }, graceMs);
    timer.unref();
    steps()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}
