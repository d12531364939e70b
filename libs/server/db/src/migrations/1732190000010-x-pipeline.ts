import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the X pipeline needs beyond the initial tables: a display name and an origin per tracked
 * query (auto-tracked games are found again by game, hence the partial unique index), when each
 * was last searched (so a small per-run cap rotates over the queries), and posts without an
 * author: answers with default fields carry no author_id (contract §7).
 */
export class XPipeline1732190000010 implements MigrationInterface {
  name = 'XPipeline1732190000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE x_tracked_queries
      ADD COLUMN name text,
      ADD COLUMN origin text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'config', 'auto')),
      ADD COLUMN searched_at timestamptz`);
    await q.query(`CREATE UNIQUE INDEX x_tracked_queries_auto_game_idx ON x_tracked_queries (game_id) WHERE origin = 'auto'`);
    await q.query('ALTER TABLE x_posts ALTER COLUMN author_id DROP NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS x_tracked_queries_auto_game_idx');
    await q.query('ALTER TABLE x_tracked_queries DROP COLUMN IF EXISTS name, DROP COLUMN IF EXISTS origin, DROP COLUMN IF EXISTS searched_at');
  }
}
