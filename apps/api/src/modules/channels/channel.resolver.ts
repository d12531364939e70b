import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { ChannelArgs, SessionsArgs } from './channel.args';
import { BroadcastSession, Channel } from './channel.types';

@Resolver(() => Channel)
export class ChannelResolver {
  @Query(() => Channel, { nullable: true, description: 'A channel by id or login; null when it was never seen.' })
  channel(@Args(() => ChannelArgs) args: ChannelArgs, @Ctx() ctx: ApiContext): Promise<Channel | null> {
    return ctx.services.channel.channel(args);
  }

  @FieldResolver(() => [BroadcastSession], { description: 'Broadcasts overlapping the range, newest first.' })
  sessions(@Root() channel: Channel, @Args(() => SessionsArgs) args: SessionsArgs, @Ctx() ctx: ApiContext): Promise<BroadcastSession[]> {
    return ctx.services.channel.sessions(channel, args);
  }
}
