import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { TopChannelArgs, TopListArgs } from './top-lists.args';
import { TopChannelConnection, TopGameConnection, TopLanguageConnection } from './top-lists.types';

@Resolver()
export class TopListsResolver {
  @Query(() => TopGameConnection, { description: 'Games ranked over a range, with rank change against the previous range of equal length.' })
  topGames(@Args(() => TopListArgs) args: TopListArgs, @Ctx() ctx: ApiContext): Promise<TopGameConnection> {
    return ctx.services.topLists.topGames(args);
  }

  @Query(() => TopChannelConnection, {
    description: 'Channels ranked over a range (hourly per-channel rollup when the range is hour-aligned, per-sweep snapshots otherwise).',
  })
  topChannels(@Args(() => TopChannelArgs) args: TopChannelArgs, @Ctx() ctx: ApiContext): Promise<TopChannelConnection> {
    return ctx.services.topLists.topChannels(args);
  }

  @Query(() => TopLanguageConnection, { description: 'Broadcaster languages ranked over a range.' })
  topLanguages(@Args(() => TopListArgs) args: TopListArgs, @Ctx() ctx: ApiContext): Promise<TopLanguageConnection> {
    return ctx.services.topLists.topLanguages(args);
  }
}
