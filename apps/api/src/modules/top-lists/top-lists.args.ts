import { ArgsType, Field, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { Metric } from '../platform/metric.enum';

@ArgsType()
export class TopListArgs {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => Metric, { defaultValue: Metric.HOURS_WATCHED, description: 'HOURS_WATCHED, AVERAGE_VIEWERS, PEAK_VIEWERS or HOURS_STREAMED.' })
  by!: Metric;
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1-100.' }) first!: number;
  @Field(() => String, { nullable: true, description: 'pageInfo.endCursor of the previous page.' }) after?: string | null;
}

export const CHANNEL_SEARCH_MAX = 100;

@ArgsType()
export class TopChannelArgs extends TopListArgs {
  @Field(() => String, {
    nullable: true,
    description: `Only channels whose login or display name contains this text (case-insensitive, at most ${CHANNEL_SEARCH_MAX} characters). Ranks stay those among all channels; totalCount and pages cover the matches.`,
  })
  search?: string | null;
}
