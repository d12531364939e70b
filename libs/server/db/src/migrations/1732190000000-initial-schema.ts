import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ALL_TABLES_REVERSED, HYPERTABLES, SHARED_TABLES, SNAPSHOT_COLUMNS, TWITCH_TABLES, X_TABLES } from '../schema/tables';
import { hasTimescale } from './dialect';

export class InitialSchema1732190000000 implements MigrationInterface {
  name = 'InitialSchema1732190000000';

  async up(q: QueryRunner): Promise<void> {
    const timescale = await hasTimescale(q);
    for (const ddl of [...TWITCH_TABLES, ...X_TABLES, ...SHARED_TABLES]) await q.query(ddl);
    if (timescale) {
      await q.query(`CREATE TABLE twitch_stream_snapshots (${SNAPSHOT_COLUMNS})`);
      for (const [table, column, chunk] of HYPERTABLES) {
        await q.query(`SELECT create_hypertable('${table}', by_range('${column}', INTERVAL '${chunk}'))`);
      }
      await q.query(`ALTER TABLE twitch_stream_snapshots SET (
        timescaledb.compress,
        timescaledb.compress_segmentby = 'channel_id',
        timescaledb.compress_orderby = 'ts')`);
    } else {
      // Daily partitions are created ahead by maintenance; the default one takes anything else
      // so an unexpected timestamp never fails a sweep write.
      await q.query(`CREATE TABLE twitch_stream_snapshots (${SNAPSHOT_COLUMNS}) PARTITION BY RANGE (ts)`);
      await q.query('CREATE TABLE twitch_stream_snapshots_default PARTITION OF twitch_stream_snapshots DEFAULT');
    }
    await q.query('CREATE INDEX twitch_stream_snapshots_channel_idx ON twitch_stream_snapshots (channel_id, ts)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ALL_TABLES_REVERSED) await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
  }
}
