import type { QueryRunner } from 'typeorm';

/** Migrations read the dialect from the database itself, so the same classes serve both. */
export async function hasTimescale(q: QueryRunner): Promise<boolean> {
  const rows = (await q.query("SELECT 1 AS ok FROM pg_extension WHERE extname = 'timescaledb'")) as unknown[];
  return rows.length > 0;
}
