import { migrate, openDatabase, type Database } from '@streamscope/db';
import { createTestDatabase, type TestDatabase } from '@streamscope/testing';

export interface BenchDatabase {
  db: Database;
  /** Server only: connection URL of the fresh database. */
  url: string | null;
  label: string;
  close(): Promise<void>;
}

/** A fresh database on the plain-Postgres server, migrated; close() drops it. */
export async function openServerBench(label: string): Promise<BenchDatabase> {
  const t: TestDatabase = await createTestDatabase(`bench${label}`);
  let db: Database | null = null;
  try {
    db = await openDatabase({ kind: 'server', url: t.url, poolSize: 8 });
    await migrate(db, { partitionsAheadDays: 1 });
  } catch (err) {
    await db?.close().catch(() => undefined);
    await t.drop();
    throw err;
  }
  const opened = db;
  return {
    db: opened,
    url: t.url,
    label: 'postgres',
    async close() {
      await opened.close().catch(() => undefined);
      await t.drop();
    },
  };
}

/** The embedded TimescaleDB (PGlite) in memory, migrated. */
export async function openEmbeddedBench(): Promise<BenchDatabase> {
  const db = await openDatabase({ kind: 'embedded', dir: 'memory://' });
  await migrate(db, { partitionsAheadDays: 1, compressAfterDays: 7, rawRetentionDays: 3650 });
  return { db, url: null, label: 'timescaledb-embedded', close: () => db.close() };
}
