/**
 * The one place that knows the embedded engine is PGlite (a TimescaleDB build of it). An official
 * embedded TimescaleDB can replace this module without touching the rest of the library.
 */
import { PGlite } from '@electric-sql/pglite';
import { timescaledb } from '@electric-sql/pglite/timescaledb';

export interface EmbeddedSession {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface EmbeddedEngine extends EmbeddedSession {
  /** Exclusive: every other query waits until fn settles, so nobody reads half a transaction. */
  transaction<T>(fn: (tx: EmbeddedSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The underlying handle, for adapters (TypeORM) that need it. */
  readonly raw: unknown;
}

// pg returns int8 and numeric as strings; doing the same here keeps both dialects identical
// for callers of Sql.query (and never rounds a large id).
const INT8 = 20;
const NUMERIC = 1700;

export async function startEmbeddedEngine(dataDir: string): Promise<EmbeddedEngine> {
  const pg = await PGlite.create({
    dataDir,
    extensions: { timescaledb },
    parsers: { [INT8]: (v: string) => v, [NUMERIC]: (v: string) => v },
  });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  // On a reopened data directory the extension library is not loaded up front, and until it is,
  // every licensed function (policies, compression, cagg refresh) fails with a license error.
  await pg.exec("LOAD 'timescaledb'");
  return {
    raw: pg,
    async query<T>(text: string, params?: unknown[]) {
      return (await pg.query<T>(text, params)).rows;
    },
    transaction<T>(fn: (tx: EmbeddedSession) => Promise<T>): Promise<T> {
      return pg.transaction((tx) =>
        fn({ query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows }),
      );
    },
    close: () => pg.close(),
  };
}
