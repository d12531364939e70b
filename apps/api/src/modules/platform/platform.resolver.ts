import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { MetricSeriesArgs, PlatformSeriesArgs, ViewerHeatmapArgs } from './platform.args';
import { MetricSeries, PlatformSeries, ViewerHeatmap } from './platform.types';

@Resolver()
export class PlatformResolver {
  @Query(() => PlatformSeries, { description: 'Every Twitch metric of the whole platform per bucket.' })
  platformSeries(@Args(() => PlatformSeriesArgs) args: PlatformSeriesArgs, @Ctx() ctx: ApiContext): Promise<PlatformSeries> {
    return ctx.services.platform.platformSeries(args);
  }

  @Query(() => MetricSeries, { description: 'One metric per bucket for the top groups (games or languages) by hours watched, plus "other".' })
  metricSeries(@Args(() => MetricSeriesArgs) args: MetricSeriesArgs, @Ctx() ctx: ApiContext): Promise<MetricSeries> {
    return ctx.services.platform.metricSeries(args);
  }

  @Query(() => ViewerHeatmap, { description: 'Viewers per live channel by weekday and hour in a zone: when to stream.' })
  viewerHeatmap(@Args(() => ViewerHeatmapArgs) args: ViewerHeatmapArgs, @Ctx() ctx: ApiContext): Promise<ViewerHeatmap> {
    return ctx.services.platform.viewerHeatmap(args);
  }
}
