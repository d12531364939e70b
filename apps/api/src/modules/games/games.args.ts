import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { BucketArg } from '../../graphql/enums';

@ArgsType()
export class GameViewersArgs {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => BucketArg, { defaultValue: BucketArg.AUTO }) bucket!: BucketArg;
  @Field(() => String, { defaultValue: 'UTC', description: 'IANA zone for day, week and month buckets.' }) timeZone!: string;
  @Field(() => [ID], { nullable: true, description: 'Games to show; omitted = the top games by hours watched in the range.' })
  gameIds?: string[] | null;
  @Field(() => Int, { defaultValue: 5, description: 'How many top games when gameIds is omitted (1-20).' }) top!: number;
  @Field(() => Int, { defaultValue: 300, description: 'Most buckets to return (AUTO picks the bucket to fit; max 2000).' })
  maxPoints!: number;
}
