import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHANNEL_HOURLY } from '../schema/rollups';
import { hasTimescale } from './dialect';

/**
 * Rows that every sweep updates once per live stream stay on their page (HOT: no index entry
 * written) only while the page has room for a second version of each of its rows, i.e. at most
 * half full. Measured over nine steady-state sweeps of 20,000 streams: twitch_streams at the
 * old fillfactor 70 had 17 % of its updates non-HOT (each writing both of its indexes), at 50
 * 0.1 %. On plain Postgres twitch_channels_hourly (updated five times an hour per live channel,
 * previously with full pages, so never HOT) gets the same. The price is half-empty pages in
 * these two tables; TimescaleDB keeps the channel rollup as a continuous aggregate, untouched.
 * Applies to pages written from now on.
 */
export class HotSweepUpdates1732190000030 implements MigrationInterface {
  name = 'HotSweepUpdates1732190000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE twitch_streams SET (fillfactor = 50)');
    if (!(await hasTimescale(q))) await q.query(`ALTER TABLE ${CHANNEL_HOURLY} SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE twitch_streams SET (fillfactor = 70)');
    if (!(await hasTimescale(q))) await q.query(`ALTER TABLE ${CHANNEL_HOURLY} RESET (fillfactor)`);
  }
}
