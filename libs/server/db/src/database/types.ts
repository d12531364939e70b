export type Dialect = 'timescaledb' | 'postgres';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Server transactions only: `COPY table (cols) FROM STDIN` of rows already in COPY text format
   * (each line ending in a newline); resolves to the rows copied. Absent where the engine has no
   * COPY from the client (embedded), so callers keep a plain INSERT for that case.
   */
  copyFrom?(sql: string, lines: readonly string[]): Promise<number>;
}

export interface DatabaseInfo {
  dialect: Dialect;
  postgresVersion: string;
  timescaleVersion: string | null;
}

export interface Database extends Sql {
  readonly kind: 'embedded' | 'server';
  readonly dialect: Dialect;
  /**
   * All-or-nothing. On the embedded engine it also holds off every other query until it ends,
   * so inside `fn` use only `tx`: a call on the Database itself would wait for ever.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Server only: `text` as a named prepared statement, planned once per pooled connection and
   * then reused (`name` must always go with the same text). For reads whose planning costs more
   * than running them, e.g. lateral lookups across every snapshot partition. Absent on the
   * embedded engine, where callers use `query`.
   */
  queryPrepared?<T = Record<string, unknown>>(name: string, text: string, params: unknown[]): Promise<T[]>;
  info(): Promise<DatabaseInfo>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'embedded'; dir: string }
  | { kind: 'server'; url: string; poolSize?: number };

/** Minimal logger shape so callers can pass a pino logger without this library depending on one. */
export interface DbLogger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface OpenDatabaseOptions {
  logger?: DbLogger;
  /** Server only: how long to wait for the first connection. */
  connectTimeoutMs?: number;
}

export class DatabaseOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}
