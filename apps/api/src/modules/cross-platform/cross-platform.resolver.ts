import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { CrossPlatform, CrossPlatformArgs } from './cross-platform.types';

@Resolver()
export class CrossPlatformResolver {
  @Query(() => CrossPlatform, { description: "A game's viewers against its linked X query's post volume: Pearson r and the best lead/lag within ±12 h." })
  crossPlatform(@Args(() => CrossPlatformArgs) args: CrossPlatformArgs, @Ctx() ctx: ApiContext): Promise<CrossPlatform> {
    return ctx.services.crossPlatform.compare(args);
  }
}
