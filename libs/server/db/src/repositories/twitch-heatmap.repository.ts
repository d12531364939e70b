import { isTimeZone } from '@streamscope/shared';
import type { Database } from '../database/types';
import { checkIds, checkRange } from './twitch-sql';

export interface HeatmapQuery {
  from: Date;
  to: Date;
  timeZone: string;
  gameId?: string | null;
}

export interface HeatmapCellRow {
  /** Monday = 0 … Sunday = 6, in the zone. */
  weekday: number;
  /** Hour of day in the zone (a half-hour zone's hour is its local wall-clock hour). */
  hour: number;
  sweeps: number;
  /** Σ viewers over the cell's sweeps (of the game, when given). */
  viewers: number;
  /** Σ live channels over the cell's sweeps. */
  channels: number;
}

/** Viewing by local weekday and hour: per-sweep rows, because a zone's hours need not be UTC hours. */
export class TwitchHeatmapRepository {
  constructor(private readonly db: Database) {}

  async weekdayHour(q: HeatmapQuery): Promise<HeatmapCellRow[]> {
    checkRange(q.from, q.to);
    if (!isTimeZone(q.timeZone)) throw new Error(`unknown time zone ${JSON.stringify(q.timeZone.slice(0, 64))}`);
    if (q.gameId != null) checkIds('gameId', [q.gameId]);
    return this.db.query<HeatmapCellRow>(
      `SELECT (extract(isodow FROM t.ts AT TIME ZONE $3::text)::int - 1) AS weekday,
              extract(hour FROM t.ts AT TIME ZONE $3::text)::int AS hour,
              count(*)::int AS sweeps,
              sum(CASE WHEN $4::bigint IS NULL THEN t.viewers ELSE coalesce(g.viewers, 0) END)::float8 AS viewers,
              sum(CASE WHEN $4::bigint IS NULL THEN t.channels ELSE coalesce(g.channels, 0) END)::float8 AS channels
         FROM twitch_sweep_totals t
         LEFT JOIN twitch_sweep_games g ON g.ts = t.ts AND g.game_id = $4::bigint
        WHERE t.ts >= $1 AND t.ts < $2
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      [q.from, q.to, q.timeZone, q.gameId ?? null],
    );
  }
}
