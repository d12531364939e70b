import type { Principal } from '../auth/principal';
import type { AdminService } from '../modules/admin/admin.service';
import type { CrossPlatformService } from '../modules/cross-platform/cross-platform.service';
import type { XService } from '../modules/x/x.service';
import type { GamesService } from '../modules/games/games.service';
import type { SystemService } from '../modules/system/system.service';
import type { AnalyticsServices } from '../modules/platform/analytics-services';

export interface ApiServices extends AnalyticsServices {
  system: SystemService;
  games: GamesService;
  admin: AdminService;
  x: XService;
  crossPlatform: CrossPlatformService;
}

export interface ApiContext {
  services: ApiServices;
  principal: Principal;
}
