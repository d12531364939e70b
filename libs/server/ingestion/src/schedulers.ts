import type { AppConfig } from '@streamscope/config';
import type { JobName } from '@streamscope/queues';

export interface ScheduleEntry {
  /** Scheduler id in Redis: stable, so upserts replace rather than duplicate. */
  id: string;
  job: Exclude<JobName, 'twitch.backfill'>;
  everySeconds: number;
}

/** The stream sweep's scheduler id; its effective interval is every sweep's sample_seconds. */
export const SWEEP_SCHEDULE_ID = 'twitch-sweep-streams';

export const X_COUNTS_INTERVAL_SECONDS = 900;
export const X_METRICS_INTERVAL_SECONDS = 3_600;
export const X_AUTO_TRACK_INTERVAL_SECONDS = 3_600;

/** The one table of recurring work. */
export function scheduleTable(config: AppConfig): ScheduleEntry[] {
  return [
    { id: SWEEP_SCHEDULE_ID, job: 'twitch.sweep-streams', everySeconds: config.SWEEP_INTERVAL_SECONDS },
    { id: 'twitch-top-games', job: 'twitch.top-games', everySeconds: config.TOP_GAMES_INTERVAL_SECONDS },
    { id: 'twitch-metadata', job: 'twitch.metadata', everySeconds: config.METADATA_INTERVAL_SECONDS },
    { id: 'maintenance', job: 'maintenance.run', everySeconds: config.MAINTENANCE_INTERVAL_SECONDS },
    // Counts are billed per request, not per post: a quarter-hour keeps the newest hour fresh.
    { id: 'x-counts', job: 'x.counts', everySeconds: X_COUNTS_INTERVAL_SECONDS },
    { id: 'x-search', job: 'x.search', everySeconds: config.X_SEARCH_INTERVAL_SECONDS },
    { id: 'x-metrics', job: 'x.metrics', everySeconds: X_METRICS_INTERVAL_SECONDS },
    { id: 'x-auto-track', job: 'x.auto-track', everySeconds: X_AUTO_TRACK_INTERVAL_SECONDS },
  ];
}
