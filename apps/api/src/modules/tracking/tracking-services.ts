import type { AppConfig } from '@streamscope/config';
import { ScheduleOverrideRepository, TrackedGameRepository, XQueryRepository, type Database } from '@streamscope/db';
import type { Queues } from '@streamscope/queues';
import type { SweepIntervalService } from '../system/sweep-interval.service';
import { SchedulesService } from './schedules.service';
import { TrackedGamesService } from './tracked-games.service';

/** Tracked games and schedule intervals over one database and the API's queues. */
export function createTrackingServices(
  db: Database,
  queues: Queues,
  config: AppConfig,
  sweepInterval: SweepIntervalService,
): { trackedGames: TrackedGamesService; schedules: SchedulesService } {
  return {
    trackedGames: new TrackedGamesService(new TrackedGameRepository(db), new XQueryRepository(db), queues, config),
    schedules: new SchedulesService(config, new ScheduleOverrideRepository(db), queues, Date.now, () => sweepInterval.invalidate()),
  };
}
