import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';

@ObjectType()
export class LagCorrelation {
  @Field(() => Int, { description: 'Hours by which posts trail viewers (negative: posts lead).' }) lagHours!: number;
  @Field(() => Float) r!: number;
  @Field(() => Int, { description: 'Hours where both values exist at this lag.' }) pairs!: number;
}

@ObjectType({ description: "A game's hourly average viewers and its linked X query's hourly posts on one axis." })
export class CrossPlatform {
  @Field(() => ID) gameId!: string;
  @Field(() => String) gameName!: string;
  @Field(() => ID, { nullable: true, description: 'The tracked query linked to the game, if any.' }) queryId!: string | null;
  @Field(() => String, { nullable: true }) query!: string | null;
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => [DateTimeScalar], { description: 'Hour starts.' }) timestamps!: Date[];
  @Field(() => [Float], { nullable: 'items' }) averageViewers!: Array<number | null>;
  @Field(() => [Int], { nullable: 'items' }) posts!: Array<number | null>;
  @Field(() => Float, { nullable: true, description: 'Pearson r at lag 0 over the hours where both exist.' }) correlation!: number | null;
  @Field(() => Int) pairs!: number;
  @Field(() => LagCorrelation, { nullable: true, description: 'The lag in [-12 h, +12 h] with the highest r.' }) bestLag!: LagCorrelation | null;
  @Field(() => [LagCorrelation]) lags!: LagCorrelation[];
  @Field(() => String, { description: 'The result in one sentence.' }) summary!: string;
}

@ArgsType()
export class CrossPlatformArgs {
  @Field(() => ID) gameId!: string;
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
}
