import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hasTimescale } from './dialect';

/**
 * Sweeps are written insert-only and folded into the per-broadcast rows (last seen, peak) and,
 * on plain Postgres, the per-channel hourly rollup later, several sweeps at a time, by the
 * maintenance job (MaintenanceRepository.foldSweeps). `folded` marks the sweeps already in
 * those rows; readers add the snapshots of the others themselves, so nothing is ever missing or
 * counted twice. Sweeps stored before this migration were written the old way: already folded.
 * On plain Postgres the fold and the readers find a sweep's snapshots through a BRIN index on ts
 * (rows arrive in time order, so it stays a few pages per partition and costs COPY almost
 * nothing; autosummarize lets autovacuum summarize each filled range, since ranges not yet
 * summarized match every search); TimescaleDB chunks already have their default ts index.
 */
export class SweepFolding1732190000040 implements MigrationInterface {
  name = 'SweepFolding1732190000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE twitch_sweeps ADD COLUMN folded boolean NOT NULL DEFAULT true');
    await q.query('ALTER TABLE twitch_sweeps ALTER COLUMN folded SET DEFAULT false');
    await q.query('CREATE INDEX twitch_sweeps_unfolded_idx ON twitch_sweeps (ts) WHERE NOT folded');
    if (!(await hasTimescale(q))) {
      await q.query('CREATE INDEX twitch_stream_snapshots_ts_brin ON twitch_stream_snapshots USING brin (ts) WITH (pages_per_range = 16, autosummarize = on)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS twitch_stream_snapshots_ts_brin');
    await q.query('DROP INDEX IF EXISTS twitch_sweeps_unfolded_idx');
    await q.query('ALTER TABLE twitch_sweeps DROP COLUMN folded');
  }
}
