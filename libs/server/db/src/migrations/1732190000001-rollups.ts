import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CHANNEL_HOURLY,
  CHANNEL_HOURLY_DDL,
  channelHourlySelect,
  dailySelect,
  hourlySelect,
  ROLLUP_FAMILIES,
  rollupTableDdl,
} from '../schema/rollups';
import { hasTimescale } from './dialect';

const CAGG = 'WITH (timescaledb.continuous, timescaledb.materialized_only = false)';

/**
 * Hourly and daily rollups. On TimescaleDB they are continuous aggregates (daily built on hourly),
 * which cannot be created inside a transaction, hence `transaction = false` and IF NOT EXISTS so
 * a half-applied run can be repeated. On Postgres they are tables the library keeps current.
 */
export class Rollups1732190000001 implements MigrationInterface {
  name = 'Rollups1732190000001';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    if (await hasTimescale(q)) {
      const hour = "time_bucket(INTERVAL '1 hour', ts)";
      const day = "time_bucket(INTERVAL '1 day', bucket)";
      for (const f of ROLLUP_FAMILIES) {
        await q.query(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${f.hourly} ${CAGG} AS ${hourlySelect(f, hour)} WITH NO DATA`);
      }
      await q.query(
        `CREATE MATERIALIZED VIEW IF NOT EXISTS ${CHANNEL_HOURLY} ${CAGG} AS ${channelHourlySelect(hour)} WITH NO DATA`,
      );
      for (const f of ROLLUP_FAMILIES) {
        await q.query(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${f.daily} ${CAGG} AS ${dailySelect(f, day)} WITH NO DATA`);
      }
      for (const view of [...ROLLUP_FAMILIES.map((f) => f.hourly), CHANNEL_HOURLY]) {
        await q.query(`SELECT add_continuous_aggregate_policy('${view}',
          start_offset => INTERVAL '1 day', end_offset => INTERVAL '1 hour',
          schedule_interval => INTERVAL '30 minutes', if_not_exists => true)`);
      }
      for (const f of ROLLUP_FAMILIES) {
        await q.query(`SELECT add_continuous_aggregate_policy('${f.daily}',
          start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 day',
          schedule_interval => INTERVAL '1 hour', if_not_exists => true)`);
      }
      await q.query('CREATE INDEX IF NOT EXISTS twitch_channels_hourly_channel_idx ON twitch_channels_hourly (channel_id, bucket)');
    } else {
      for (const f of ROLLUP_FAMILIES) {
        await q.query(rollupTableDdl(f.hourly, f));
        await q.query(rollupTableDdl(f.daily, f));
      }
      await q.query(CHANNEL_HOURLY_DDL);
      await q.query('CREATE INDEX IF NOT EXISTS twitch_channels_hourly_channel_idx ON twitch_channels_hourly (channel_id, bucket)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const timescale = await hasTimescale(q);
    const kind = timescale ? 'MATERIALIZED VIEW' : 'TABLE';
    for (const f of ROLLUP_FAMILIES) await q.query(`DROP ${kind} IF EXISTS ${f.daily} CASCADE`);
    for (const f of ROLLUP_FAMILIES) await q.query(`DROP ${kind} IF EXISTS ${f.hourly} CASCADE`);
    await q.query(`DROP ${kind} IF EXISTS ${CHANNEL_HOURLY} CASCADE`);
  }
}
