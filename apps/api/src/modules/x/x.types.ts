import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BucketArg } from '../../graphql/enums';
import { DateTimeScalar } from '../../graphql/scalars';

export enum TrackedQueryState {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}
registerEnumType(TrackedQueryState, { name: 'TrackedQueryState' });

@ObjectType({ description: 'An X search query whose volume and sample the worker collects.' })
export class TrackedQuery {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String) query!: string;
  @Field(() => TrackedQueryState) state!: TrackedQueryState;
  @Field(() => ID, { nullable: true, description: 'The Twitch game it is linked to (cross-platform view).' }) gameId!: string | null;
  @Field(() => String, { description: 'manual, config or auto (top Twitch games).' }) origin!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) searchedAt!: Date | null;
}

@ObjectType()
export class XQueryVolume {
  @Field(() => ID) queryId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) query!: string;
  @Field(() => [Int], { nullable: 'items', description: 'Posts per bucket (from the counts endpoint); null = no count stored.' })
  posts!: Array<number | null>;
  @Field(() => Int, { description: 'Posts over the range.' }) total!: number;
  @Field(() => Int, { description: 'Posts over the previous range of equal length.' }) previousTotal!: number;
  @Field(() => Float, { nullable: true, description: '(total - previousTotal) / previousTotal; null when previousTotal is 0.' })
  change!: number | null;
}

@ObjectType()
export class XVolumeSeries {
  @Field(() => BucketArg) bucket!: BucketArg;
  @Field(() => Int) bucketSeconds!: number;
  @Field(() => String) timeZone!: string;
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => [DateTimeScalar]) timestamps!: Date[];
  @Field(() => [XQueryVolume]) series!: XQueryVolume[];
}

@ObjectType({ description: 'Posts per hour on the active tracked queries: posts (counts endpoint) ÷ whole hours with a stored count.' })
export class XPostRate {
  @Field(() => Int, { description: 'Active tracked queries counted; 0 = nothing tracked, every figure is empty.' }) trackedQueries!: number;
  @Field(() => Int, { description: 'Posts over the whole hours inside the range (the hour still filling is left out).' }) posts!: number;
  @Field(() => Int, { description: 'Whole hours inside the range with a stored count for at least one query.' }) hoursCovered!: number;
  @Field(() => Float, { nullable: true, description: 'posts ÷ hoursCovered; null when no hour is covered.' }) postsPerHour!: number | null;
  @Field(() => Int) previousPosts!: number;
  @Field(() => Int, { description: 'The same for the previous range of equal length.' }) previousHoursCovered!: number;
  @Field(() => Float, { nullable: true }) previousPostsPerHour!: number | null;
  @Field(() => Float, { nullable: true, description: '(postsPerHour - previousPostsPerHour) ÷ previousPostsPerHour; null without a previous rate above 0.' })
  change!: number | null;
}

@ObjectType()
export class XShare {
  @Field(() => ID) queryId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) posts!: number;
  @Field(() => Float, { description: "This query's posts ÷ the sum over tracked queries (0..1)." }) share!: number;
}

@ObjectType()
export class XEntity {
  @Field(() => String) value!: string;
  @Field(() => Int) posts!: number;
}

@ObjectType()
export class XAuthor {
  @Field(() => ID) authorId!: string;
  @Field(() => String, { nullable: true }) username!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int, { nullable: true }) followers!: number | null;
  @Field(() => Int) posts!: number;
  @Field(() => Float) engagement!: number;
}

@ObjectType({ description: 'What the stored sample of posts says about one query in a range.' })
export class XQueryInsights {
  @Field(() => ID) queryId!: string;
  @Field(() => Int) samplePosts!: number;
  @Field(() => Int) uniqueAuthors!: number;
  @Field(() => Float, { description: 'Likes + reposts + replies + quotes at each post’s latest metrics snapshot.' }) engagement!: number;
  @Field(() => Float, { nullable: true }) engagementPerPost!: number | null;
  @Field(() => [XEntity]) topHashtags!: XEntity[];
  @Field(() => [XEntity]) topMentions!: XEntity[];
  @Field(() => [XAuthor]) topAuthors!: XAuthor[];
}

@ArgsType()
export class XRangeArgs {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
}

@ArgsType()
export class XVolumeArgs extends XRangeArgs {
  @Field(() => BucketArg, { defaultValue: BucketArg.AUTO, description: 'HOUR or coarser: volume is stored hourly.' }) bucket!: BucketArg;
  @Field(() => String, { defaultValue: 'UTC' }) timeZone!: string;
  @Field(() => [ID], { nullable: true, description: 'Omitted = every active tracked query.' }) queryIds?: string[] | null;
  @Field(() => Int, { defaultValue: 300 }) maxPoints!: number;
}

@ArgsType()
export class XInsightsArgs extends XRangeArgs {
  @Field(() => ID) queryId!: string;
  @Field(() => Int, { defaultValue: 10, description: '1-50 entries per list.' }) limit!: number;
}

@InputType()
export class AddTrackedQueryInput {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'X search syntax, at most 512 characters.' }) query!: string;
  @Field(() => ID, { nullable: true }) gameId?: string | null;
}
