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
import type { SweepIntervalSource } from '../system/sweep-interval.service';
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
  /** The sweep interval in effect (configured or overridden at run time). */
  sweepInterval: SweepIntervalSource;
  now?: () => number;
}): AnalyticsServices {
  const { db, now } = opts;
  const analytics = new AnalyticsRepository(db);
  const breakdown = new TwitchBreakdownRepository(db);
  const entities = new TwitchEntitiesRepository(db);
  const topLists = new TopListsService(breakdown, new TwitchChannelsRepository(db));
  return {
    platform: new PlatformService(analytics, breakdown, new TwitchHeatmapRepository(db), opts.sweepInterval, now),
    topLists,
    game: new GameService(entities, breakdown, opts.games, topLists),
    channel: new ChannelService(entities),
    pipeline: new PipelineService(
      new IngestionRunRepository(db),
      new PipelineStatusRepository(db),
      new SweepRepository(db),
      opts.sweepInterval,
      now,
    ),
  };
}
