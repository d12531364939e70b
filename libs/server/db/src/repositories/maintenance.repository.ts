import type { Database, Sql } from '../database/types';
import {
  CHANNEL_HOURLY,
  channelHourlySelect,
  dailySelect,
  hourlySelect,
  PG_DAY,
  PG_HOUR,
  ROLLUP_FAMILIES,
  ROLLUP_COLUMNS,
} from '../schema/rollups';

export interface RetentionWindows {
  compressAfterDays: number;
  rawRetentionDays: number;
}

const HOUR_MS = 3_600_000;
/** Sweeps folded per transaction: bounds one fold's locks and work after a long backfill. */
const FOLD_BATCH = 24;
const DAY_MS = 86_400_000;
const SNAPSHOTS = 'twitch_stream_snapshots';
const PARTITION_PREFIX = `${SNAPSHOTS}_p`;

/** Serialises rollup maintenance with sweep writes on plain Postgres (both touch the same rows). */
export const ROLLUP_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('streamscope.twitch_rollups'))";

export const floorTo = (d: Date, ms: number) => new Date(Math.floor(d.getTime() / ms) * ms);
export const ceilTo = (d: Date, ms: number) => new Date(Math.ceil(d.getTime() / ms) * ms);

function dayName(day: Date): string {
  return day.toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Storage upkeep: rollup refresh, snapshot partitions, compression and retention. TimescaleDB
 * policies do this in the background on a server, but never inside the embedded engine, so the
 * worker also calls these explicitly. Each method reports what it did.
 */
export class MaintenanceRepository {
  constructor(private readonly db: Database) {}

  /**
   * Recomputes every rollup bucket touching [from, to) (widened to whole UTC days). On plain
   * Postgres `channelTable: false` leaves the per-channel hourly table alone: foldSweeps keeps it
   * exact, and rebuilding it reads every raw snapshot of the range (the routine maintenance run
   * passes false; an explicit refresh rebuilds it from the folded sweeps).
   */
  async refreshRollups(
    from: Date,
    to: Date,
    opts: { channelTable?: boolean } = {},
  ): Promise<{ level: 'continuous-aggregate' | 'table'; from: Date; to: Date; aggregates: number }> {
    const df = floorTo(from, DAY_MS);
    const dt = ceilTo(to, DAY_MS) > df ? ceilTo(to, DAY_MS) : new Date(df.getTime() + DAY_MS);
    if (this.db.dialect === 'timescaledb') {
      // Buckets still filling (this hour, today) stay un-materialized so real-time aggregation
      // keeps showing new sweeps; materializing them would freeze them at the watermark.
      const now = new Date();
      const windows: Array<[string[], Date]> = [
        [[...ROLLUP_FAMILIES.map((f) => f.hourly), CHANNEL_HOURLY], floorTo(now, HOUR_MS)],
        [ROLLUP_FAMILIES.map((f) => f.daily), floorTo(now, DAY_MS)],
      ];
      // Refreshing the per-channel rollup over hours whose raw snapshots retention has dropped
      // would empty it there: start at the oldest snapshot still stored.
      const oldest = await this.db.query<{ t: Date | null }>(`SELECT min(ts) AS t FROM ${SNAPSHOTS} WHERE ts >= $1`, [df.toISOString()]);
      const rawStart = oldest[0]?.t ? floorTo(new Date(oldest[0].t), HOUR_MS) : null;
      let aggregates = 0;
      for (const [views, limit] of windows) {
        const end = dt < limit ? dt : limit;
        // Timestamps come from Date objects, never from request text. CALL runs outside any
        // transaction (the procedure refuses to run inside one); hourly first, daily reads it.
        for (const view of views) {
          const start = view === CHANNEL_HOURLY ? rawStart : df;
          if (!start || end <= start) continue;
          await this.db.query(`CALL refresh_continuous_aggregate('${view}', '${start.toISOString()}', '${end.toISOString()}')`);
          aggregates++;
        }
      }
      return { level: 'continuous-aggregate', from: df, to: dt, aggregates };
    }
    const channelTable = opts.channelTable ?? true;
    await this.db.transaction(async (tx) => {
      await tx.query(ROLLUP_LOCK_SQL);
      await recomputeRollupTables(tx, df, dt, channelTable);
    });
    return { level: 'table', from: df, to: dt, aggregates: ROLLUP_FAMILIES.length * 2 + (channelTable ? 1 : 0) };
  }

  /**
   * Folds sweeps written since the last fold into the rows that sum over many sweeps: each
   * broadcast's last_seen_at and peak_viewers and, on plain Postgres, the per-channel hourly
   * rollup. writeSweep leaves that to this method so that a sweep inserts its snapshots instead
   * of rewriting one row per live stream and channel; folding k sweeps at once writes each such
   * row once instead of k times. Exact: every sweep is folded once (flag set in the same
   * transaction, under the rollup lock on Postgres) and readers add the sweeps not folded yet.
   */
  async foldSweeps(): Promise<{ sweeps: number; broadcasts: number }> {
    const done = { sweeps: 0, broadcasts: 0 };
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        if (this.db.dialect === 'postgres') await tx.query(ROLLUP_LOCK_SQL);
        const rows = await tx.query<{ ts: Date }>(
          `SELECT ts FROM twitch_sweeps WHERE NOT folded ORDER BY ts LIMIT ${FOLD_BATCH} FOR UPDATE`,
        );
        if (rows.length === 0) return null;
        const list = [rows.map((r) => new Date(r.ts).toISOString())];
        const settled = await tx.query<{ n: number }>(
          `WITH a AS (
             SELECT stream_id, max(ts) AS last, max(viewers) AS peak FROM ${SNAPSHOTS}
              WHERE ts = ANY($1::timestamptz[]) GROUP BY stream_id),
           u AS (
             UPDATE twitch_streams s SET last_seen_at = GREATEST(s.last_seen_at, a.last), peak_viewers = GREATEST(s.peak_viewers, a.peak)
               FROM a WHERE s.stream_id = a.stream_id AND (a.last > s.last_seen_at OR a.peak > s.peak_viewers) RETURNING 1)
           SELECT count(*)::int AS n FROM u`,
          list,
        );
        if (this.db.dialect === 'postgres') {
          await tx.query(
            `INSERT INTO ${CHANNEL_HOURLY} (bucket, channel_id, snapshots, viewer_seconds, peak_viewers, streamed_seconds)
             ${channelHourlySelect(PG_HOUR('ts'), 'WHERE ts = ANY($1::timestamptz[])')}
             ON CONFLICT (bucket, channel_id) DO UPDATE SET
               snapshots = EXCLUDED.snapshots + ${CHANNEL_HOURLY}.snapshots,
               viewer_seconds = EXCLUDED.viewer_seconds + ${CHANNEL_HOURLY}.viewer_seconds,
               peak_viewers = GREATEST(EXCLUDED.peak_viewers, ${CHANNEL_HOURLY}.peak_viewers),
               streamed_seconds = EXCLUDED.streamed_seconds + ${CHANNEL_HOURLY}.streamed_seconds`,
            list,
          );
        }
        await tx.query('UPDATE twitch_sweeps SET folded = true WHERE ts = ANY($1::timestamptz[])', list);
        return { sweeps: rows.length, broadcasts: settled[0]?.n ?? 0 };
      });
      if (!batch) return done;
      done.sweeps += batch.sweeps;
      done.broadcasts += batch.broadcasts;
    }
  }

  /** TimescaleDB: compression and retention policies follow the configured windows. */
  async applyPolicies(w: RetentionWindows): Promise<{ compressionPolicy: boolean; retentionPolicy: boolean }> {
    if (this.db.dialect !== 'timescaledb') return { compressionPolicy: false, retentionPolicy: false };
    await this.db.query(`SELECT remove_compression_policy('${SNAPSHOTS}', if_exists => true)`);
    await this.db.query(`SELECT add_compression_policy('${SNAPSHOTS}', compress_after => make_interval(days => $1::int))`, [
      w.compressAfterDays,
    ]);
    await this.db.query(`SELECT remove_retention_policy('${SNAPSHOTS}', if_exists => true)`);
    await this.db.query(`SELECT add_retention_policy('${SNAPSHOTS}', drop_after => make_interval(days => $1::int))`, [
      w.rawRetentionDays,
    ]);
    return { compressionPolicy: true, retentionPolicy: true };
  }

  /** Postgres: daily snapshot partitions from yesterday to `daysAhead` days ahead. */
  async ensurePartitions(daysAhead: number, now = new Date()): Promise<{ created: string[] }> {
    if (this.db.dialect !== 'postgres') return { created: [] };
    const created: string[] = [];
    const today = floorTo(now, DAY_MS);
    for (let i = -1; i <= daysAhead; i++) {
      const start = new Date(today.getTime() + i * DAY_MS);
      if (await this.createPartition(start)) created.push(`${PARTITION_PREFIX}${dayName(start)}`);
    }
    return { created };
  }

  private async createPartition(start: Date): Promise<boolean> {
    const name = `${PARTITION_PREFIX}${dayName(start)}`;
    const exists = await this.db.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [name]);
    if (exists[0]?.r) return false;
    const end = new Date(start.getTime() + DAY_MS);
    const a = start.toISOString();
    const b = end.toISOString();
    try {
      await this.attachPartition(name, a, b);
    } catch (err) {
      // Another process created it first.
      if ((err as { code?: string }).code === '42P07') return false;
      throw err;
    }
    return true;
  }

  private async attachPartition(name: string, a: string, b: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Rows that landed in the default partition for this day move into the new one; attaching
      // (rather than CREATE ... PARTITION OF) lets that happen inside one transaction.
      await tx.query(`LOCK TABLE ${SNAPSHOTS}_default IN SHARE ROW EXCLUSIVE MODE`);
      await tx.query(`CREATE TABLE ${name} (LIKE ${SNAPSHOTS} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await tx.query(`INSERT INTO ${name} SELECT * FROM ${SNAPSHOTS}_default WHERE ts >= $1 AND ts < $2`, [a, b]);
      await tx.query(`DELETE FROM ${SNAPSHOTS}_default WHERE ts >= $1 AND ts < $2`, [a, b]);
      await tx.query(`ALTER TABLE ${SNAPSHOTS} ATTACH PARTITION ${name} FOR VALUES FROM ('${a}') TO ('${b}')`);
    });
  }

  /** Drops raw snapshots older than `rawDays` (chunks or daily partitions). Rollups stay. */
  async applyRetention(rawDays: number, now = new Date()): Promise<{ droppedChunks: number; deletedRows: number }> {
    const cutoff = new Date(now.getTime() - rawDays * DAY_MS);
    if (this.db.dialect === 'timescaledb') {
      const rows = await this.db.query(`SELECT drop_chunks('${SNAPSHOTS}', older_than => $1::timestamptz) AS c`, [cutoff.toISOString()]);
      return { droppedChunks: rows.length, deletedRows: 0 };
    }
    const parts = await this.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '${SNAPSHOTS}'::regclass AND c.relname LIKE '${PARTITION_PREFIX}%'`,
    );
    let dropped = 0;
    for (const { name } of parts) {
      const m = /_p(\d{4})(\d{2})(\d{2})$/.exec(name);
      if (!m) continue;
      const end = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS;
      if (end > cutoff.getTime()) continue;
      await this.db.query(`DROP TABLE IF EXISTS ${name}`);
      dropped++;
    }
    const deleted = await this.db.query(`DELETE FROM ${SNAPSHOTS}_default WHERE ts < $1 RETURNING 1`, [cutoff.toISOString()]);
    return { droppedChunks: dropped, deletedRows: deleted.length };
  }

  /** TimescaleDB: compresses raw snapshot chunks that ended more than `afterDays` ago. */
  async compress(afterDays: number, now = new Date()): Promise<{ compressedChunks: number }> {
    if (this.db.dialect !== 'timescaledb') return { compressedChunks: 0 };
    const cutoff = new Date(now.getTime() - afterDays * DAY_MS).toISOString();
    const chunks = await this.db.query<{ chunk: string }>(
      `SELECT format('%I.%I', chunk_schema, chunk_name) AS chunk
         FROM timescaledb_information.chunks
        WHERE hypertable_name = '${SNAPSHOTS}' AND NOT is_compressed AND range_end <= $1::timestamptz`,
      [cutoff],
    );
    for (const { chunk } of chunks) await this.db.query('SELECT compress_chunk($1::regclass, if_not_compressed => true)', [chunk]);
    return { compressedChunks: chunks.length };
  }
}

const cols = (keys: readonly string[]) => ['bucket', ...keys, ...ROLLUP_COLUMNS].join(', ');

/** Plain Postgres: DELETE + INSERT of the rollup rows in [from, to) (whole UTC days). */
async function recomputeRollupTables(tx: Sql, from: Date, to: Date, channelTable: boolean): Promise<void> {
  const range = [from.toISOString(), to.toISOString()];
  for (const f of ROLLUP_FAMILIES) {
    const keys = f.keys.map((k) => k.name);
    await tx.query(`DELETE FROM ${f.hourly} WHERE bucket >= $1 AND bucket < $2`, range);
    await tx.query(
      `INSERT INTO ${f.hourly} (${cols(keys)}) ${hourlySelect(f, PG_HOUR('ts'), 'WHERE ts >= $1 AND ts < $2')}`,
      range,
    );
    await tx.query(`DELETE FROM ${f.daily} WHERE bucket >= $1 AND bucket < $2`, range);
    await tx.query(
      `INSERT INTO ${f.daily} (${cols(keys)}) ${dailySelect(f, PG_DAY('bucket'), 'WHERE bucket >= $1 AND bucket < $2')}`,
      range,
    );
  }
  if (!channelTable) return;
  // Raw snapshots may already be gone (retention): only hours that still have them are rebuilt,
  // and only from folded sweeps (readers add the others; foldSweeps adds them here later).
  const oldest = await tx.query<{ t: Date | null }>(`SELECT min(ts) AS t FROM twitch_stream_snapshots WHERE ts >= $1 AND ts < $2`, range);
  const first = oldest[0]?.t;
  if (!first) return;
  const start = floorTo(new Date(first), HOUR_MS).toISOString();
  await tx.query(`DELETE FROM ${CHANNEL_HOURLY} WHERE bucket >= $1 AND bucket < $2`, [start, range[1]]);
  await tx.query(
    `INSERT INTO ${CHANNEL_HOURLY} (bucket, channel_id, snapshots, viewer_seconds, peak_viewers, streamed_seconds)
     ${channelHourlySelect(PG_HOUR('ts'), 'WHERE ts >= $1 AND ts < $2 AND ts IN (SELECT w.ts FROM twitch_sweeps w WHERE w.folded AND w.ts >= $1 AND w.ts < $2)')}`,
    [start, range[1]],
  );
}
