import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operator choices that must outlive restarts: games followed whatever their rank (the metadata
 * and X auto-track jobs read them), and schedule intervals set at run time (the schedule table
 * comes from config and is re-upserted on every start and Redis reconnect, so an override kept
 * only in Redis would be lost). Plain tables: the same DDL serves Postgres and TimescaleDB.
 */
export class TrackedGamesSchedules1732190000020 implements MigrationInterface {
  name = 'TrackedGamesSchedules1732190000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE twitch_tracked_games (
      game_id bigint PRIMARY KEY CHECK (game_id > 0),
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused')),
      added_at timestamptz NOT NULL DEFAULT now(),
      paused_at timestamptz)`);
    await q.query(`CREATE TABLE schedule_overrides (
      schedule_id text PRIMARY KEY,
      every_seconds int NOT NULL CHECK (every_seconds > 0),
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS schedule_overrides');
    await q.query('DROP TABLE IF EXISTS twitch_tracked_games');
  }
}
