import { ArgsType, Field, ID } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';

@ArgsType()
export class GameArgs {
  @Field(() => ID) id!: string;
}

@ArgsType()
export class RangeArgs {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
}
