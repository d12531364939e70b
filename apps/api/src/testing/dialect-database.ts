import { MaintenanceRepository, migrate, openDatabase, type Database, type MigrateOptions } from '@streamscope/db';
import { createTestDatabase } from '@streamscope/testing';

/** The two storage dialects every resolver spec over seeded data runs on, with the same expectations. */
export const DIALECTS = ['postgres', 'timescaledb'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface DialectDatabase {
  db: Database;
  /** Closes the database and drops what it created (the Postgres test database). */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database of the given dialect: a throwaway Postgres database, or an
 * in-memory embedded TimescaleDB (PGlite), which needs no cleanup beyond closing.
 */
export async function openDialectDatabase(dialect: TestDialect, label: string, opts: MigrateOptions = {}): Promise<DialectDatabase> {
  if (dialect === 'timescaledb') {
    const db = await openDatabase({ kind: 'embedded', dir: 'memory://' });
    try {
      // The embedded target must really be the TimescaleDB dialect, or the second run proves nothing.
      if (db.dialect !== dialect) throw new Error(`embedded database opened as ${db.dialect}, expected ${dialect}`);
      await migrate(db, opts);
    } catch (err) {
      await db.close();
      throw err;
    }
    return { db, close: () => db.close() };
  }
  const testDb = await createTestDatabase(label);
  const db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  const close = async () => {
    await db.close();
    await testDb.drop();
  };
  try {
    await migrate(db, opts);
  } catch (err) {
    await close();
    throw err;
  }
  return { db, close };
}

/**
 * Run after seeding sweeps. Embedded TimescaleDB has no background policies, so its continuous
 * aggregates are materialized here as the worker's maintenance job does (and the repository
 * dialect specs do). Plain Postgres is left as the sweep writes left it, so the write-time
 * rollup upkeep stays under test there.
 */
export async function settleRollups(db: Database, from: Date, to: Date): Promise<void> {
  if (db.dialect === 'timescaledb') await new MaintenanceRepository(db).refreshRollups(from, to);
}
