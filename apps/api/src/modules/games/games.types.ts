import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { BucketArg, RollupLevel } from '../../graphql/enums';

@ObjectType({ description: "One game's values, aligned with GameViewerSeries.timestamps; null = no sweep in that bucket." })
export class GameSeries {
  @Field(() => ID) gameId!: string;
  @Field(() => String) name!: string;
  @Field(() => [Float], { nullable: 'items' }) averageViewers!: Array<number | null>;
  @Field(() => [Int], { nullable: 'items' }) peakViewers!: Array<number | null>;
  @Field(() => [Float], { nullable: 'items' }) hoursWatched!: Array<number | null>;
}

@ObjectType()
export class GameViewerSeries {
  @Field(() => BucketArg, { description: 'The bucket actually used (never AUTO).' }) bucket!: BucketArg;
  @Field(() => Int) bucketSeconds!: number;
  @Field(() => String) timeZone!: string;
  @Field(() => RollupLevel) level!: RollupLevel;
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => [DateTimeScalar], { description: 'Bucket starts, complete: a bucket without sweeps is present with null values.' })
  timestamps!: Date[];
  @Field(() => [Float], { description: 'Share of expected sweeps present per bucket, 0..1.' }) coverage!: number[];
  @Field(() => [Int], { description: 'Partial sweeps per bucket (their totals are lower bounds).' }) partialSweeps!: number[];
  @Field(() => [GameSeries]) series!: GameSeries[];
}
