import { MaintenanceRepository, type Database } from '@streamscope/db';
import { round } from './stats';

export interface StorageResult {
  dialect: string;
  rows: number;
  bytes: number;
  bytesPerRow: number;
  compressedBytes: number | null;
  compressedBytesPerRow: number | null;
  compressionRatio: number | null;
  compressedChunks: number | null;
}

/** Table, indexes and TOAST of the snapshot table and every partition or chunk under it. */
async function snapshotBytes(db: Database): Promise<number> {
  if (db.dialect === 'timescaledb') {
    const r = await db.query<{ b: string }>(`SELECT hypertable_size('twitch_stream_snapshots')::text AS b`);
    return Number(r[0]?.b ?? 0);
  }
  const r = await db.query<{ b: string }>(
    `SELECT sum(pg_total_relation_size(relid))::text AS b FROM pg_partition_tree('twitch_stream_snapshots')`,
  );
  return Number(r[0]?.b ?? 0);
}

export async function benchStorage(db: Database, dialect: string, compressAt: Date | null): Promise<StorageResult> {
  const rows = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM twitch_stream_snapshots'))[0]?.n ?? 0);
  const bytes = await snapshotBytes(db);
  let compressedBytes: number | null = null;
  let compressedChunks: number | null = null;
  if (db.dialect === 'timescaledb' && compressAt) {
    // Every chunk that has ended by compressAt (after 0 days) is compressed, as the policy would.
    const r = await new MaintenanceRepository(db).compress(0, compressAt);
    compressedChunks = r.compressedChunks;
    compressedBytes = await snapshotBytes(db);
  }
  return {
    dialect,
    rows,
    bytes,
    bytesPerRow: round(bytes / Math.max(1, rows), 1),
    compressedBytes,
    compressedBytesPerRow: compressedBytes === null ? null : round(compressedBytes / Math.max(1, rows), 1),
    compressionRatio: compressedBytes === null ? null : round(bytes / compressedBytes, 2),
    compressedChunks,
  };
}
