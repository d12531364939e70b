import type { AppConfig } from '@streamscope/config';
import type { JobName } from '@streamscope/queues';

export interface ScheduleEntry {
  /** Scheduler id in Redis: stable, so upserts replace rather than duplicate. */
  id: string;
  job: Exclude<JobName, 'twitch.backfill'>;
  everySeconds: number;
}

/** The one table of recurring work. */
export function scheduleTable(config: AppConfig): ScheduleEntry[] {
  return [
    { id: 'twitch-sweep-streams', job: 'twitch.sweep-streams', everySeconds: config.SWEEP_INTERVAL_SECONDS },
    { id: 'twitch-top-games', job: 'twitch.top-games', everySeconds: config.TOP_GAMES_INTERVAL_SECONDS },
    { id: 'twitch-metadata', job: 'twitch.metadata', everySeconds: config.METADATA_INTERVAL_SECONDS },
    { id: 'maintenance', job: 'maintenance.run', everySeconds: config.MAINTENANCE_INTERVAL_SECONDS },
  ];
}
