import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { embeddedEngineOf } from './database/embedded-database';
import { serverUrlOf } from './database/server-database';
import type { Database } from './database/types';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { MaintenanceRepository, type RetentionWindows } from './repositories/maintenance.repository';

export interface MigrateOptions extends Partial<RetentionWindows> {
  /** Postgres: daily snapshot partitions to create ahead of today. */
  partitionsAheadDays?: number;
}

export interface MigrateResult {
  applied: string[];
}

const MIGRATIONS_TABLE = 'typeorm_migrations';

// typeorm-pglite reaches its engine through a static singleton; runs are serialised so two
// embedded databases in one process never swap engines under a running migration.
let embeddedQueue: Promise<unknown> = Promise.resolve();

function baseOptions(): Pick<DataSourceOptions, 'entities' | 'migrations' | 'synchronize' | 'logging'> & {
  migrationsTableName: string;
  migrationsTransactionMode: 'each';
} {
  return {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
  };
}

async function runWith(options: DataSourceOptions): Promise<string[]> {
  const ds = new DataSource(options);
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

async function runEmbedded(db: Database): Promise<string[]> {
  const engine = embeddedEngineOf(db);
  if (!engine) throw new Error('not an embedded database opened by openDatabase');
  const slot = PGliteInstance as unknown as { instance: unknown };
  const run = embeddedQueue.then(async () => {
    const driver = new PGliteDriver().driver;
    slot.instance = engine.raw;
    try {
      const ds = new DataSource({ type: 'postgres', driver, ...baseOptions() });
      await ds.initialize();
      try {
        return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
      } finally {
        // Detach first: destroying the pool would otherwise close our engine.
        slot.instance = null;
        await ds.destroy();
      }
    } finally {
      slot.instance = null;
    }
  });
  embeddedQueue = run.catch(() => undefined);
  return run;
}

/**
 * Applies pending migrations (idempotent: a second run applies nothing), then brings the
 * storage policies in line with the configured windows and creates upcoming partitions.
 */
export async function migrate(db: Database, opts: MigrateOptions = {}): Promise<MigrateResult> {
  let applied: string[];
  if (db.kind === 'embedded') {
    applied = await runEmbedded(db);
  } else {
    const url = serverUrlOf(db);
    if (!url) throw new Error('not a server database opened by openDatabase');
    applied = await runWith({ type: 'postgres', url, poolSize: 1, connectTimeoutMS: 5_000, ...baseOptions() });
  }
  const maintenance = new MaintenanceRepository(db);
  await maintenance.applyPolicies({
    compressAfterDays: opts.compressAfterDays ?? 7,
    rawRetentionDays: opts.rawRetentionDays ?? 90,
  });
  await maintenance.ensurePartitions(opts.partitionsAheadDays ?? 7);
  return { applied };
}
