import type { Database } from '../database/types';
import type { ScheduleOverride } from '../entities/operator.entities';

const COLUMNS = `schedule_id AS "scheduleId", every_seconds AS "everySeconds", updated_at AS "updatedAt"`;

/** Schedule intervals set at run time. Ids and bounds are checked by the caller (the schedule table). */
export class ScheduleOverrideRepository {
  constructor(private readonly db: Database) {}

  async list(): Promise<ScheduleOverride[]> {
    return this.db.query<ScheduleOverride>(`SELECT ${COLUMNS} FROM schedule_overrides ORDER BY schedule_id`);
  }

  async set(scheduleId: string, everySeconds: number, now: Date): Promise<ScheduleOverride> {
    const rows = await this.db.query<ScheduleOverride>(
      `INSERT INTO schedule_overrides (schedule_id, every_seconds, updated_at) VALUES ($1, $2::int, $3::timestamptz)
       ON CONFLICT (schedule_id) DO UPDATE SET every_seconds = EXCLUDED.every_seconds, updated_at = EXCLUDED.updated_at
       RETURNING ${COLUMNS}`,
      [scheduleId, everySeconds, now.toISOString()],
    );
    return rows[0]!;
  }

  /** Drops the override (the configured interval applies again); false when there was none. */
  async reset(scheduleId: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM schedule_overrides WHERE schedule_id = $1 RETURNING 1 AS ok', [scheduleId]);
    return rows.length > 0;
  }
}
