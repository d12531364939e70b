import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';

@ObjectType({ description: 'One recorded run of an ingestion or maintenance job.' })
export class IngestionRunInfo {
  @Field(() => ID) id!: string;
  @Field(() => String) source!: string;
  @Field(() => String) job!: string;
  @Field(() => String, { description: 'running, succeeded, failed or skipped.' }) status!: string;
  @Field(() => DateTimeScalar) startedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Float, { nullable: true }) durationSeconds!: number | null;
  @Field(() => Int, { nullable: true }) apiCalls!: number | null;
  @Field(() => Int, { nullable: true }) pages!: number | null;
  @Field(() => Float, { nullable: true }) rowsWritten!: number | null;
  @Field(() => Int, { nullable: true }) duplicatesDropped!: number | null;
  @Field(() => Int, { nullable: true }) rateLimitRemaining!: number | null;
  @Field(() => Float, { nullable: true }) costUnits!: number | null;
  @Field(() => String, { nullable: true, description: 'Why it failed (secrets are scrubbed before it is stored).' }) error!: string | null;
}

@ObjectType({ description: 'How current the Twitch data is.' })
export class Freshness {
  @Field(() => DateTimeScalar, { nullable: true }) lastSweepAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'Seconds from the last sweep to now; null before the first sweep.' })
  secondsSinceLastSweep!: number | null;
  @Field(() => Int) sweepIntervalSeconds!: number;
  @Field(() => Float, { nullable: true, description: 'secondsSinceLastSweep ÷ sweepIntervalSeconds (1 = on time).' }) intervalsBehind!: number | null;
  @Field(() => Boolean, { description: 'true when no sweep landed within two intervals (or none ever).' }) stale!: boolean;
}

@ObjectType({ description: 'The ingestion pipeline at a glance.' })
export class Pipeline {
  @Field(() => [IngestionRunInfo], { description: 'Newest first.' }) recentRuns!: IngestionRunInfo[];
  @Field(() => [IngestionRunInfo], { description: 'The newest succeeded run of every job that has one.' }) lastSuccess!: IngestionRunInfo[];
  @Field(() => Freshness) freshness!: Freshness;
  @Field(() => Int, { nullable: true, description: 'Helix rate-limit points left, as the newest Twitch run reported.' })
  helixRateLimitRemaining!: number | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When that run finished.' }) helixRateLimitAt!: Date | null;
}
