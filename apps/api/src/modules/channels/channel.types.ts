import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';

@ObjectType({ description: 'A Twitch channel (broadcaster).' })
export class Channel {
  @Field(() => ID) id!: string;
  @Field(() => String) login!: string;
  @Field(() => String) displayName!: string;
}

@ObjectType({ description: 'One broadcast (Helix stream id): from started_at to the last sweep that saw it plus that sweep\'s interval.' })
export class BroadcastSession {
  @Field(() => ID) streamId!: string;
  @Field(() => DateTimeScalar) start!: Date;
  @Field(() => DateTimeScalar) end!: Date;
  @Field(() => Int) durationSeconds!: number;
  @Field(() => String, { description: 'Latest title seen.' }) title!: string;
  @Field(() => Float, { nullable: true, description: 'Σ viewers × s ÷ Σ s over the snapshots of this broadcast.' }) averageViewers!: number | null;
  @Field(() => Int, { nullable: true, description: 'Max viewers over its snapshots.' }) peakViewers!: number | null;
  @Field(() => Int, { description: 'Snapshots (sweeps that saw it).' }) snapshots!: number;
  @Field(() => [String], { description: 'Game names in the order the broadcast first showed them.' }) gamesPlayed!: string[];
}
