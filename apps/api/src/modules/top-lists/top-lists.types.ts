import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RollupLevel } from '../../graphql/enums';
import { DateTimeScalar } from '../../graphql/scalars';
import { Metric } from '../platform/metric.enum';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class RankedValues {
  @Field(() => Int, { description: '1 = first in the range by the chosen metric (ties broken by id).' }) rank!: number;
  @Field(() => Int, { nullable: true, description: 'Rank over the previous range of equal length; null when absent there.' })
  previousRank!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'rank − previousRank: negative = climbed, positive = fell; null when absent from the previous range.',
  })
  rankChange!: number | null;
  @Field(() => Float) hoursWatched!: number;
  @Field(() => Float, { description: 'Hours watched ÷ covered hours of the range (every sweep counts).' }) averageViewers!: number;
  @Field(() => Float) peakViewers!: number;
  @Field(() => Float) hoursStreamed!: number;
}

@ObjectType()
export class TopGame extends RankedValues {
  @Field(() => ID) gameId!: string;
  @Field(() => String) name!: string;
  @Field(() => Float) averageChannels!: number;
  @Field(() => Float) peakChannels!: number;
}

@ObjectType()
export class TopLanguage extends RankedValues {
  @Field(() => String) language!: string;
  @Field(() => Float) averageChannels!: number;
  @Field(() => Float) peakChannels!: number;
}

@ObjectType()
export class TopChannel extends RankedValues {
  @Field(() => ID) channelId!: string;
  @Field(() => String, { nullable: true }) login!: string | null;
  @Field(() => String, { nullable: true }) displayName!: string | null;
}

@ObjectType()
export class RankedConnection {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => Metric) by!: Metric;
  @Field(() => RollupLevel, { description: 'Which stored level served the list.' }) level!: RollupLevel;
  @Field(() => Int, { description: 'Ranked entries in the range.' }) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class TopGameEdge {
  @Field(() => String) cursor!: string;
  @Field(() => TopGame) node!: TopGame;
}

@ObjectType()
export class TopGameConnection extends RankedConnection {
  @Field(() => [TopGameEdge]) edges!: TopGameEdge[];
}

@ObjectType()
export class TopLanguageEdge {
  @Field(() => String) cursor!: string;
  @Field(() => TopLanguage) node!: TopLanguage;
}

@ObjectType()
export class TopLanguageConnection extends RankedConnection {
  @Field(() => [TopLanguageEdge]) edges!: TopLanguageEdge[];
}

@ObjectType()
export class TopChannelEdge {
  @Field(() => String) cursor!: string;
  @Field(() => TopChannel) node!: TopChannel;
}

@ObjectType()
export class TopChannelConnection extends RankedConnection {
  @Field(() => [TopChannelEdge]) edges!: TopChannelEdge[];
}
