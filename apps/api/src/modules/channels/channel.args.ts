import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';

@ArgsType()
export class ChannelArgs {
  @Field(() => ID, { nullable: true, description: 'Twitch user id; give this or login.' }) id?: string | null;
  @Field(() => String, { nullable: true, description: 'Login name (case-insensitive); give this or id.' }) login?: string | null;
}

@ArgsType()
export class SessionsArgs {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => Int, { defaultValue: 20, description: 'Most sessions, newest first (1-100).' }) first!: number;
}
