import type { Principal } from '../auth/principal';
import type { RateDecision } from '../auth/rate-limit.middleware';
import type { AdminService } from '../modules/admin/admin.service';
import type { CrossPlatformService } from '../modules/cross-platform/cross-platform.service';
import type { XService } from '../modules/x/x.service';
import type { SchedulesService } from '../modules/tracking/schedules.service';
import type { TrackedGamesService } from '../modules/tracking/tracked-games.service';
import type { GamesService } from '../modules/games/games.service';
import type { SystemService } from '../modules/system/system.service';
import type { AnalyticsServices } from '../modules/platform/analytics-services';

export interface ApiServices extends AnalyticsServices {
  system: SystemService;
  games: GamesService;
  admin: AdminService;
  x: XService;
  crossPlatform: CrossPlatformService;
  trackedGames: TrackedGamesService;
  schedules: SchedulesService;
}

export interface ApiContext {
  services: ApiServices;
  principal: Principal;
  /** HTTP only: the caller's budget check, settled by the rate-limit plugin before a response. */
  rateLimit?: Promise<RateDecision>;
}
