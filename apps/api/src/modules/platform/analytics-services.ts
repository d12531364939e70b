import {
  AnalyticsRepository,
  IngestionRunRepository,
  PipelineStatusRepository,
  SweepRepository,
  TwitchBreakdownRepository,
  TwitchChannelsRepository,
  TwitchEntitiesRepository,
  TwitchHeatmapRepository,
  type Database,
} from '@streamscope/db';
import { ChannelService } from '../channels/channel.service';
import { GameService } from '../games/game.service';
import type { GamesService } from '../games/games.service';
import { PipelineService } from '../pipeline/pipeline.service';
import { TopListsService } from '../top-lists/top-lists.service';
import { PlatformService } from './platform.service';

export interface AnalyticsServices {
  platform: PlatformService;
  topLists: TopListsService;
  game: GameService;
  channel: ChannelService;
  pipeline: PipelineService;
}

/** Wiring of the analytics query services (each gets only the repositories it reads). */
export function createAnalyticsServices(opts: {
  db: Database;
  games: GamesService;
  sweepIntervalSeconds: number;
  now?: () => number;
}): AnalyticsServices {
  const { db, now } = opts;
  const analytics = new AnalyticsRepository(db);
  const breakdown = new TwitchBreakdownRepository(db);
  const entities = new TwitchEntitiesRepository(db);
  const topLists = new TopListsService(analytics, breakdown, new TwitchChannelsRepository(db));
  return {
    platform: new PlatformService(analytics, breakdown, new TwitchHeatmapRepository(db), opts.sweepIntervalSeconds, now),
    topLists,
    game: new GameService(entities, breakdown, opts.games, topLists),
    channel: new ChannelService(entities),
    pipeline: new PipelineService(
      new IngestionRunRepository(db),
      new PipelineStatusRepository(db),
      new SweepRepository(db),
      opts.sweepIntervalSeconds,
      now,
    ),
  };
}
