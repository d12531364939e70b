import { loadConfigOrExit } from '@streamscope/config';
import { createLogger } from '@streamscope/telemetry';
import { openDatabase } from '../database/open-database';
import { migrate } from '../migrate';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, name: 'db-migrate' });
const target =
  config.database.kind === 'server'
    ? { kind: 'server' as const, url: config.database.url, poolSize: 2 }
    : config.database;

try {
  const db = await openDatabase(target, { logger });
  try {
    const { applied } = await migrate(db, {
      compressAfterDays: config.COMPRESS_AFTER_DAYS,
      rawRetentionDays: config.RAW_RETENTION_DAYS,
      partitionsAheadDays: config.PARTITIONS_AHEAD_DAYS,
    });
    console.log(applied.length === 0 ? `database (${db.dialect}) is up to date` : `applied on ${db.dialect}: ${applied.join(', ')}`);
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
