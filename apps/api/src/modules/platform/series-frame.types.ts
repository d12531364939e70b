import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BucketArg, RollupLevel } from '../../graphql/enums';
import { DateTimeScalar } from '../../graphql/scalars';

@ObjectType()
export class SeriesFrame {
  @Field(() => BucketArg, { description: 'The bucket actually used (never AUTO).' }) bucket!: BucketArg;
  @Field(() => Int) bucketSeconds!: number;
  @Field(() => String) timeZone!: string;
  @Field(() => RollupLevel, { description: 'Which stored level served the series.' }) level!: RollupLevel;
  @Field(() => DateTimeScalar, { description: 'Start of the first bucket (the request widened to whole buckets).' }) from!: Date;
  @Field(() => DateTimeScalar, { description: 'End of the last bucket.' }) to!: Date;
  @Field(() => [DateTimeScalar], { description: 'Bucket starts, complete: a bucket without sweeps is present with null values.' })
  timestamps!: Date[];
  @Field(() => [Float], { description: 'Share of expected sweeps present per bucket, 0..1.' }) coverage!: number[];
  @Field(() => [Int], { description: 'Partial sweeps per bucket (their totals are lower bounds).' }) partialSweeps!: number[];
}
