import pg from 'pg';
import { copyFromStdin } from './copy-in';
import { readInfo } from './info';
import { DatabaseOpenError, type Database, type Dialect, type OpenDatabaseOptions, type Sql } from './types';

/** host:port/db without credentials, for messages that may reach logs. */
export function describeServerUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '<unparseable database url>';
  }
}

function withoutSecret(message: string, url: string): string {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? message.split(password).join('<redacted>') : message;
  } catch {
    return message;
  }
}

class ServerDatabase implements Database {
  readonly kind = 'server' as const;

  constructor(
    private readonly pool: pg.Pool,
    readonly dialect: Dialect,
    readonly url: string,
  ) {}

  async query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    const res = await this.pool.query(text, params);
    return res.rows as T[];
  }

  async queryPrepared<T = Record<string, unknown>>(name: string, text: string, params: unknown[]): Promise<T[]> {
    const res = await this.pool.query({ name, text, values: params });
    return res.rows as T[];
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // The pool guards only idle clients: a checked-out one whose connection is cut (server
    // restart, pg_terminate_backend) emits 'error' too, which would crash the process unheard.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const tx: Sql = {
        query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
        copyFrom: (sql: string, lines: readonly string[]) => copyFromStdin(client, sql, lines),
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw err;
    } finally {
      // A connection whose ROLLBACK failed is in an unknown state: drop it from the pool.
      client.off('error', onError);
      client.release(broken);
    }
  }

  info() {
    return readInfo(this, this.dialect);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function openServerDatabase(
  url: string,
  poolSize: number,
  opts: OpenDatabaseOptions,
): Promise<Database> {
  const where = describeServerUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection emits here; without a listener Node would crash.
  pool.on('error', (err) => {
    opts.logger?.error({ err: { message: withoutSecret(err.message, url) }, database: where }, 'idle database connection failed');
  });
  let dialect: Dialect;
  try {
    dialect = await detectDialect(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseOpenError(`cannot connect to database at ${where}: ${withoutSecret(reason, url)}`);
  }
  return new ServerDatabase(pool, dialect, url);
}

async function detectDialect(pool: pg.Pool): Promise<Dialect> {
  const client = await pool.connect();
  try {
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
      return 'timescaledb';
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 0A000/58P01: extension not available on this server; 42501: not allowed to create it.
      // Either way we run as plain Postgres unless it is already installed.
      if (code !== '0A000' && code !== '58P01' && code !== '42501' && code !== '22023') throw err;
      const rows = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
      return rows.rowCount ? 'timescaledb' : 'postgres';
    }
  } finally {
    client.release();
  }
}

/** Connection string behind a server Database (for the migration runner's own connection). */
export function serverUrlOf(db: Database): string | undefined {
  return db instanceof ServerDatabase ? db.url : undefined;
}
