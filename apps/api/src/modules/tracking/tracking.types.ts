import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { TrackedQueryState } from '../x/x.types';

export enum TrackedGameState {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}
registerEnumType(TrackedGameState, { name: 'TrackedGameState', description: 'ACTIVE: metadata and X auto-tracking include the game. PAUSED: kept, not collected.' });

@ObjectType({ description: 'A Twitch game the operator follows regardless of its rank.' })
export class TrackedGame {
  @Field(() => ID, { description: 'The Helix game id.' }) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Helix box art template ({width}x{height}).' }) boxArtUrl!: string | null;
  @Field(() => TrackedGameState) state!: TrackedGameState;
  @Field(() => DateTimeScalar) addedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) pausedAt!: Date | null;
  @Field(() => Boolean, { description: 'True when an X query is linked to the game (auto-tracking creates one).' }) hasXQuery!: boolean;
  @Field(() => ID, { nullable: true }) xQueryId!: string | null;
  @Field(() => TrackedQueryState, { nullable: true }) xQueryState!: TrackedQueryState | null;
}

@ObjectType({ description: 'A recurring job: its interval (configured or overridden) and its next run.' })
export class Schedule {
  @Field(() => ID, { description: 'Scheduler id, e.g. twitch-sweep-streams.' }) id!: string;
  @Field(() => String, { description: 'The job it enqueues, e.g. twitch.sweep-streams.' }) job!: string;
  @Field(() => Int) everySeconds!: number;
  @Field(() => Int, { description: 'The interval from the configuration (used after a reset).' }) defaultEverySeconds!: number;
  @Field(() => Boolean, { description: 'True when an interval set at run time applies.' }) overridden!: boolean;
  @Field(() => Int) minEverySeconds!: number;
  @Field(() => Int) maxEverySeconds!: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Next run per BullMQ; null when Redis holds no scheduler yet.' })
  nextRunAt!: Date | null;
}
