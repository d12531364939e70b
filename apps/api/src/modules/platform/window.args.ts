import { ArgsType, Field, Int } from 'type-graphql';
import { BucketArg } from '../../graphql/enums';
import { DateTimeScalar } from '../../graphql/scalars';

/** The series window every bucketed query shares (resolved by resolveSeriesWindow). */
@ArgsType()
export class SeriesWindowArgs {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => BucketArg, { defaultValue: BucketArg.AUTO }) bucket!: BucketArg;
  @Field(() => String, { defaultValue: 'UTC', description: 'IANA zone for day, week and month buckets.' }) timeZone!: string;
  @Field(() => Int, { defaultValue: 300, description: 'Most buckets to return (AUTO picks the bucket to fit; max 2000).' })
  maxPoints!: number;
}
