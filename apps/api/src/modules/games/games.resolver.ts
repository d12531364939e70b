import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { GameViewersArgs } from './games.args';
import { GameViewerSeries } from './games.types';

@Resolver()
export class GamesResolver {
  @Query(() => GameViewerSeries, {
    description: 'Average/peak viewers and hours watched per bucket for the given games, or the top `top` games by hours watched in the range.',
  })
  gameViewers(@Args(() => GameViewersArgs) args: GameViewersArgs, @Ctx() ctx: ApiContext): Promise<GameViewerSeries> {
    return ctx.services.games.gameViewers(args);
  }
}
