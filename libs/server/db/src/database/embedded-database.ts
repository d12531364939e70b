import { lockDataDir } from '../embedded/dir-lock';
import { startEmbeddedEngine, type EmbeddedEngine } from '../embedded/pglite';
import { readInfo } from './info';
import { DatabaseOpenError, type Database, type Sql } from './types';

export const MEMORY_DIR = 'memory://';

class EmbeddedDatabase implements Database {
  readonly kind = 'embedded' as const;
  readonly dialect = 'timescaledb' as const;
  private closed = false;

  constructor(
    readonly engine: EmbeddedEngine,
    private readonly unlock: () => void,
  ) {}

  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    return this.engine.query<T>(text, params);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.engine.transaction(fn);
  }

  info() {
    return readInfo(this, this.dialect);
  }

  async ping(): Promise<void> {
    await this.engine.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.engine.close();
    } finally {
      this.unlock();
    }
  }
}

export async function openEmbeddedDatabase(dir: string): Promise<Database> {
  const unlock = dir === MEMORY_DIR ? () => undefined : lockDataDir(dir);
  try {
    const engine = await startEmbeddedEngine(dir);
    return new EmbeddedDatabase(engine, unlock);
  } catch (err) {
    unlock();
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseOpenError(`cannot open embedded database at ${dir}: ${reason}`);
  }
}

/** The engine's own handle behind a Database opened here (for the TypeORM adapter). */
export function embeddedEngineOf(db: Database): EmbeddedEngine | undefined {
  return db instanceof EmbeddedDatabase ? db.engine : undefined;
}
