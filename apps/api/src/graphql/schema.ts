import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AdminResolver } from '../modules/admin/admin.resolver';
import { CrossPlatformResolver } from '../modules/cross-platform/cross-platform.resolver';
import { XResolver } from '../modules/x/x.resolver';
import { TrackingResolver } from '../modules/tracking/tracking.resolver';
import { GamesResolver } from '../modules/games/games.resolver';
import { LiveResolver } from '../modules/live/live.resolver';
import { SilentPubSub } from '../modules/live/redis-pubsub';
import { SystemResolver } from '../modules/system/system.resolver';
import { ChannelResolver } from '../modules/channels/channel.resolver';
import { GameResolver } from '../modules/games/game.resolver';
import { PipelineResolver } from '../modules/pipeline/pipeline.resolver';
import { PlatformResolver } from '../modules/platform/platform.resolver';
import { TopListsResolver } from '../modules/top-lists/top-lists.resolver';
import { DateTimeScalar } from './scalars';

export const RESOLVERS = [SystemResolver, GamesResolver, AdminResolver, LiveResolver, XResolver, CrossPlatformResolver, PlatformResolver, TopListsResolver, GameResolver, ChannelResolver, PipelineResolver, TrackingResolver] as const;

export function buildApiSchema(pubSub: PubSub = new SilentPubSub()): Promise<GraphQLSchema> {
  return buildSchema({
    pubSub,
    resolvers: [...RESOLVERS],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Inputs are validated by services with messages that name the field.
    validate: false,
  });
}
