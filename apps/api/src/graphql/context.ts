import type { GamesService } from '../modules/games/games.service';
import type { SystemService } from '../modules/system/system.service';

export interface ApiServices {
  system: SystemService;
  games: GamesService;
}

export interface ApiContext {
  services: ApiServices;
}
