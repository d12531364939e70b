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
