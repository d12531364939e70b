import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { Pipeline } from './pipeline.types';

@Resolver()
export class PipelineResolver {
  @Query(() => Pipeline, { description: 'Recent ingestion runs, last success per job, data freshness and the Helix rate-limit budget.' })
  pipeline(
    @Arg('limit', () => Int, { defaultValue: 20, description: 'Recent runs to list (1-100).' }) limit: number,
    @Arg('job', () => String, { nullable: true, description: 'Only runs of this job, e.g. "twitch.sweep-streams".' }) job: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Pipeline> {
    return ctx.services.pipeline.pipeline(limit, job ?? null);
  }
}
