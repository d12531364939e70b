import type { RollupLevel } from './bucket-plan';

/**
 * SQL fragments shared by the Twitch breakdown, channel and heatmap repositories. Every
 * identifier is a constant chosen from a fixed map; request values only travel as parameters.
 */
export type Dimension = 'game' | 'language';
export type RankBy = 'hoursWatched' | 'averageViewers' | 'peakViewers' | 'hoursStreamed';

export interface RangeSums {
  viewerSeconds: number;
  channelSeconds: number;
  peakViewers: number;
  peakChannels: number;
}

/** Collects parameter values and hands out their placeholders, so no value is ever spliced. */
export class Params {
  readonly values: unknown[];
  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

export const FAMILY = {
  totals: { raw: 'twitch_sweep_totals', hourly: 'twitch_totals_hourly', daily: 'twitch_totals_daily' },
  game: { raw: 'twitch_sweep_games', hourly: 'twitch_games_hourly', daily: 'twitch_games_daily' },
  language: { raw: 'twitch_sweep_languages', hourly: 'twitch_languages_hourly', daily: 'twitch_languages_daily' },
  gameLanguage: { raw: 'twitch_sweep_game_languages', hourly: 'twitch_game_languages_hourly', daily: 'twitch_game_languages_daily' },
} as const;
export type Family = keyof typeof FAMILY;

export const KEY_SQL: Record<Dimension, { text: string; sort: string }> = {
  game: { text: 'r.game_id::text', sort: 'r.game_id' },
  language: { text: 'r.language', sort: 'r.language' },
};

export const timeCol = (level: RollupLevel) => (level === 'raw' ? 'r.ts' : 'r.bucket');

/** Sums over rows that hold one value per sweep (raw) or per-bucket sums (rollups). */
export function sumsSql(level: RollupLevel): string {
  return level === 'raw'
    ? `sum(r.viewers * r.sample_seconds)::float8 AS "viewerSeconds",
       sum(r.channels::bigint * r.sample_seconds)::float8 AS "channelSeconds",
       max(r.viewers)::float8 AS "peakViewers",
       max(r.channels)::float8 AS "peakChannels"`
    : `sum(r.viewer_seconds)::float8 AS "viewerSeconds",
       sum(r.channel_seconds)::float8 AS "channelSeconds",
       max(r.peak_viewers)::float8 AS "peakViewers",
       max(r.peak_channels)::float8 AS "peakChannels"`;
}

export function coverageSql(level: RollupLevel): string {
  return level === 'raw'
    ? `sum(r.sample_seconds)::float8 AS "coveredSeconds", count(*)::int AS sweeps,
       sum(CASE WHEN r.partial THEN 1 ELSE 0 END)::int AS "partialSweeps"`
    : `sum(r.covered_seconds)::float8 AS "coveredSeconds", sum(r.sweeps)::int AS sweeps,
       sum(r.partial_sweeps)::int AS "partialSweeps"`;
}

/** ORDER BY expressions over the columns sumsSql produces (average viewers ranks like hours watched: same denominator). */
export const RANK_ORDER: Record<RankBy, string> = {
  hoursWatched: '"viewerSeconds"',
  averageViewers: '"viewerSeconds"',
  peakViewers: '"peakViewers"',
  hoursStreamed: '"channelSeconds"',
};

export const ID_RE = /^\d{1,19}$/;

export function checkIds(what: string, ids: readonly string[] | null | undefined): void {
  for (const id of ids ?? []) if (!ID_RE.test(id)) throw new Error(`${what} must be numeric ids, got ${JSON.stringify(id.slice(0, 40))}`);
}

export function checkRange(from: Date, to: Date): void {
  if (!(from instanceof Date) || !(to instanceof Date) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new Error('range needs valid dates');
  }
  if (to.getTime() <= from.getTime()) throw new Error('range end must be after its start');
}
