import type { Dialect, DatabaseInfo, Sql } from './types';

export async function readInfo(sql: Sql, dialect: Dialect): Promise<DatabaseInfo> {
  const rows = await sql.query<{ pg: string; ts: string | null }>(
    `SELECT current_setting('server_version') AS pg,
            (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS ts`,
  );
  return { dialect, postgresVersion: rows[0]?.pg ?? 'unknown', timescaleVersion: rows[0]?.ts ?? null };
}
