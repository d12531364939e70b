import type { TwitchBreakdownRepository, TwitchEntitiesRepository } from '@streamscope/db';
import { gameLanguageSplit } from '../languages/language-split';
import type { LanguageShare } from '../languages/language-share.types';
import { checkGameId, checkRange } from '../platform/input-rules';
import type { SeriesWindowArgs } from '../platform/window.args';
import { TOP_LIST_MAX_DAYS, type TopListsService } from '../top-lists/top-lists.service';
import type { TopListArgs } from '../top-lists/top-lists.args';
import type { TopChannelConnection } from '../top-lists/top-lists.types';
import type { GamesService } from './games.service';
import type { Game } from './game.types';
import type { GameViewerSeries } from './games.types';

/** One game: its dimension row plus the series, channel ranking and language split scoped to it. */
export class GameService {
  constructor(
    private readonly entities: TwitchEntitiesRepository,
    private readonly breakdown: TwitchBreakdownRepository,
    private readonly games: GamesService,
    private readonly topLists: TopListsService,
  ) {}

  async game(id: string): Promise<Game | null> {
    checkGameId('id', id);
    const row = await this.entities.game(id);
    return row ? { id: row.gameId, name: row.name, boxArtUrl: row.boxArtUrl } : null;
  }

  series(game: Game, args: SeriesWindowArgs): Promise<GameViewerSeries> {
    return this.games.gameViewers({ ...args, gameIds: [game.id], top: 1 });
  }

  topChannels(game: Game, args: TopListArgs): Promise<TopChannelConnection> {
    return this.topLists.topChannels(args, game.id);
  }

  languageSplit(game: Game, from: Date, to: Date): Promise<LanguageShare[]> {
    checkRange(from, to, TOP_LIST_MAX_DAYS);
    return gameLanguageSplit(this.breakdown, game.id, from, to);
  }
}
