import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { SourceMode, StorageDialect } from '../../graphql/enums';

@ObjectType({ description: 'What this deployment runs on and where its data comes from.' })
export class SystemInfo {
  @Field(() => String) version!: string;
  @Field(() => StorageDialect) dialect!: StorageDialect;
  @Field(() => Boolean, { description: 'true when the database is the embedded TimescaleDB (PGlite)' }) embedded!: boolean;
  @Field(() => String) postgresVersion!: string;
  @Field(() => String, { nullable: true }) timescaleVersion!: string | null;
  @Field(() => SourceMode) twitchSource!: SourceMode;
  @Field(() => SourceMode) xSource!: SourceMode;
  @Field(() => Int) sweepIntervalSeconds!: number;
  @Field(() => DateTimeScalar, { nullable: true }) lastSweepAt!: Date | null;
  @Field(() => Int) sweepCount!: number;
}
