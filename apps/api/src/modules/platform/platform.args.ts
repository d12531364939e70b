import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { GroupBy, Metric } from './metric.enum';
import { SeriesWindowArgs } from './window.args';

@ArgsType()
export class PlatformSeriesArgs extends SeriesWindowArgs {}

@ArgsType()
export class MetricSeriesArgs extends SeriesWindowArgs {
  @Field(() => Metric) metric!: Metric;
  @Field(() => GroupBy) groupBy!: GroupBy;
  @Field(() => Int, { defaultValue: 5, description: 'How many top groups by hours watched (1-20).' }) top!: number;
  @Field(() => Boolean, { defaultValue: true, description: 'Add the remainder series "other".' }) includeOther!: boolean;
  @Field(() => [ID], { nullable: true, description: 'Only streams in these games (1-50 numeric ids).' }) gameIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Only streams in these languages (1-50 Twitch language codes).' })
  languages?: string[] | null;
}

@ArgsType()
export class ViewerHeatmapArgs {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => String, { defaultValue: 'UTC', description: 'IANA zone whose weekdays and hours the cells follow.' }) timeZone!: string;
  @Field(() => ID, { nullable: true, description: 'Only this game; omitted = every stream.' }) gameId?: string | null;
}
