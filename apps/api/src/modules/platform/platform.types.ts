import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { GroupBy, Metric } from './metric.enum';
import { SeriesFrame } from './series-frame.types';

@ObjectType({ description: 'Every Twitch metric of the whole platform per bucket; null = no sweep in that bucket.' })
export class PlatformSeries extends SeriesFrame {
  @Field(() => [Float], { nullable: 'items' }) averageViewers!: Array<number | null>;
  @Field(() => [Float], { nullable: 'items' }) peakViewers!: Array<number | null>;
  @Field(() => [Float], { nullable: 'items' }) hoursWatched!: Array<number | null>;
  @Field(() => [Float], { nullable: 'items' }) hoursStreamed!: Array<number | null>;
  @Field(() => [Float], { nullable: 'items' }) averageChannels!: Array<number | null>;
  @Field(() => [Float], { nullable: 'items' }) peakChannels!: Array<number | null>;
  @Field(() => [Float], { nullable: 'items', description: 'Average viewers ÷ average channels; null also when no channel was live.' })
  viewersPerChannel!: Array<number | null>;
}

@ObjectType({ description: "One group's values of the chosen metric, aligned with MetricSeries.timestamps." })
export class MetricSeriesGroup {
  @Field(() => ID, { description: 'Game id or language code; "other" for the remainder series.' }) key!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean, { description: 'true for the remainder: everything the filters match minus the top groups.' }) other!: boolean;
  @Field(() => Int, { nullable: true, description: 'Rank by hours watched over the range; null for "other".' }) rank!: number | null;
  @Field(() => [Float], { nullable: 'items' }) values!: Array<number | null>;
}

@ObjectType()
export class MetricSeries extends SeriesFrame {
  @Field(() => Metric) metric!: Metric;
  @Field(() => GroupBy) groupBy!: GroupBy;
  @Field(() => [MetricSeriesGroup], {
    description:
      'The top groups by hours watched over the range, then "other" when asked for. For sums and averages "other" = the filtered total minus the top groups; ' +
      'for PEAK_VIEWERS / PEAK_CHANNELS "other" is the max over sweeps of (filtered total − top groups) in that sweep, read from per-sweep rows.',
  })
  series!: MetricSeriesGroup[];
}

@ObjectType({ description: 'One weekday × hour cell in the requested zone.' })
export class HeatmapCell {
  @Field(() => Int, { description: 'Monday = 0 … Sunday = 6.' }) weekday!: number;
  @Field(() => Int, { description: 'Hour of day, 0-23, local to the zone.' }) hour!: number;
  @Field(() => Int, { description: 'Sweeps that fell in this cell over the range.' }) sweeps!: number;
  @Field(() => Float, { nullable: true, description: 'Σ viewers ÷ Σ live channels over the sweeps in the cell; null without sweeps or channels.' })
  viewersPerChannel!: number | null;
  @Field(() => Float, { nullable: true, description: 'Σ viewers ÷ sweeps in the cell; null without sweeps.' }) averageViewers!: number | null;
  @Field(() => Float, { nullable: true, description: 'Σ live channels ÷ sweeps in the cell; null without sweeps.' }) averageChannels!: number | null;
}

@ObjectType({ description: 'When to stream: viewers per live channel by local weekday and hour.' })
export class ViewerHeatmap {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => String) timeZone!: string;
  @Field(() => ID, { nullable: true }) gameId!: string | null;
  @Field(() => [HeatmapCell], { description: 'All 168 cells, Monday 00 first, row by row.' }) cells!: HeatmapCell[];
}
