import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';

export enum ApiKeyScopeArg {
  READ = 'READ',
  ADMIN = 'ADMIN',
}
registerEnumType(ApiKeyScopeArg, { name: 'ApiKeyScope', description: 'READ: queries only. ADMIN: also mutations.' });

export enum RunnableJob {
  TWITCH_SWEEP_STREAMS = 'TWITCH_SWEEP_STREAMS',
  TWITCH_TOP_GAMES = 'TWITCH_TOP_GAMES',
  TWITCH_METADATA = 'TWITCH_METADATA',
  MAINTENANCE = 'MAINTENANCE',
}
registerEnumType(RunnableJob, { name: 'RunnableJob', description: 'Jobs an admin may start now, outside their schedule.' });

@ObjectType({ description: 'An API key as stored: only its prefix, never the key.' })
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Public part of the key, to recognise it in lists.' }) prefix!: string;
  @Field(() => [ApiKeyScopeArg]) scopes!: ApiKeyScopeArg[];
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => String, { description: 'The key. Shown once: only its hash is stored.' }) key!: string;
  @Field(() => ApiKey) apiKey!: ApiKey;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String, { description: '1-64 characters to tell keys apart.' }) name!: string;
  @Field(() => [ApiKeyScopeArg], { defaultValue: [ApiKeyScopeArg.READ] }) scopes!: ApiKeyScopeArg[];
}

@ObjectType()
export class EnqueuedJob {
  @Field(() => ID) jobId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) queue!: string;
}
