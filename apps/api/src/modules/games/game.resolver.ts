import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { LanguageShare } from '../languages/language-share.types';
import { SeriesWindowArgs } from '../platform/window.args';
import { TopListArgs } from '../top-lists/top-lists.args';
import { TopChannelConnection } from '../top-lists/top-lists.types';
import { GameArgs, RangeArgs } from './game.args';
import { Game } from './game.types';
import { GameViewerSeries } from './games.types';

@Resolver(() => Game)
export class GameResolver {
  @Query(() => Game, { nullable: true, description: 'A game by Twitch id; null when it was never seen.' })
  game(@Args(() => GameArgs) args: GameArgs, @Ctx() ctx: ApiContext): Promise<Game | null> {
    return ctx.services.game.game(args.id);
  }

  @FieldResolver(() => GameViewerSeries, { description: 'Average/peak viewers and hours watched of this game per bucket.' })
  series(@Root() game: Game, @Args(() => SeriesWindowArgs) args: SeriesWindowArgs, @Ctx() ctx: ApiContext): Promise<GameViewerSeries> {
    return ctx.services.game.series(game, args);
  }

  @FieldResolver(() => TopChannelConnection, { description: 'Channels ranked by their time in this game over the range (per-sweep snapshots).' })
  topChannels(@Root() game: Game, @Args(() => TopListArgs) args: TopListArgs, @Ctx() ctx: ApiContext): Promise<TopChannelConnection> {
    return ctx.services.game.topChannels(game, args);
  }

  @FieldResolver(() => [LanguageShare], { description: "Share of this game's hours watched per broadcaster language, largest first." })
  languageSplit(@Root() game: Game, @Args(() => RangeArgs) args: RangeArgs, @Ctx() ctx: ApiContext): Promise<LanguageShare[]> {
    return ctx.services.game.languageSplit(game, args.from, args.to);
  }
}
