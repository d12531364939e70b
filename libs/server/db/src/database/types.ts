export type Dialect = 'timescaledb' | 'postgres';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
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
