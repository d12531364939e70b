import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin } from '../../auth/principal';
import type { ApiContext } from '../../graphql/context';
import { AddTrackedQueryInput, TrackedQuery, XInsightsArgs, XPostRate, XQueryInsights, XRangeArgs, XShare, XVolumeArgs, XVolumeSeries } from './x.types';

@Resolver()
export class XResolver {
  @Query(() => [TrackedQuery], { description: 'Every tracked X query, active or paused.' })
  trackedQueries(@Ctx() ctx: ApiContext): Promise<TrackedQuery[]> {
    return ctx.services.x.trackedQueries();
  }

  @Query(() => XVolumeSeries, { description: 'Posts per bucket per tracked query (from the counts endpoint), with the previous-period total.' })
  xVolume(@Args(() => XVolumeArgs) args: XVolumeArgs, @Ctx() ctx: ApiContext): Promise<XVolumeSeries> {
    return ctx.services.x.volume(args);
  }

  @Query(() => XPostRate, { description: 'Posts per hour on the active tracked queries over a range, with the previous range of equal length.' })
  xPostRate(@Args(() => XRangeArgs) args: XRangeArgs, @Ctx() ctx: ApiContext): Promise<XPostRate> {
    return ctx.services.x.postRate(args);
  }

  @Query(() => [XShare], { description: "Each active query's share of the posts of all active queries in the range." })
  xShareOfVoice(@Args(() => XRangeArgs) args: XRangeArgs, @Ctx() ctx: ApiContext): Promise<XShare[]> {
    return ctx.services.x.shareOfVoice(args);
  }

  @Query(() => XQueryInsights, { description: 'Engagement, unique authors, top hashtags, mentions and authors of the stored sample.' })
  xQueryInsights(@Args(() => XInsightsArgs) args: XInsightsArgs, @Ctx() ctx: ApiContext): Promise<XQueryInsights> {
    return ctx.services.x.insights(args);
  }

  @Mutation(() => TrackedQuery, { description: 'Admin: tracks a new X query (validated; refused with the reason).' })
  addTrackedQuery(@Arg('input', () => AddTrackedQueryInput) input: AddTrackedQueryInput, @Ctx() ctx: ApiContext): Promise<TrackedQuery> {
    requireAdmin(ctx.principal);
    return ctx.services.x.add(input);
  }

  @Mutation(() => TrackedQuery, { description: 'Admin: stops collecting a query, keeping its history.' })
  pauseTrackedQuery(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<TrackedQuery> {
    requireAdmin(ctx.principal);
    return ctx.services.x.setState(id, 'paused');
  }

  @Mutation(() => TrackedQuery)
  resumeTrackedQuery(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<TrackedQuery> {
    requireAdmin(ctx.principal);
    return ctx.services.x.setState(id, 'active');
  }

  @Mutation(() => TrackedQuery, { description: 'Admin: removes a query with its volume series.' })
  removeTrackedQuery(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<TrackedQuery> {
    requireAdmin(ctx.principal);
    return ctx.services.x.remove(id);
  }
}
