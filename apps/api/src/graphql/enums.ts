import { registerEnumType } from 'type-graphql';
import type { Bucket } from '@streamscope/shared';

export enum BucketArg {
  AUTO = 'AUTO',
  FIVE_MINUTES = 'FIVE_MINUTES',
  FIFTEEN_MINUTES = 'FIFTEEN_MINUTES',
  HOUR = 'HOUR',
  SIX_HOURS = 'SIX_HOURS',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(BucketArg, { name: 'Bucket', description: 'Time bucket of a series. AUTO picks one from the range and maxPoints.' });

export const BUCKET_OF_ARG: Record<Exclude<BucketArg, BucketArg.AUTO>, Bucket> = {
  [BucketArg.FIVE_MINUTES]: '5m',
  [BucketArg.FIFTEEN_MINUTES]: '15m',
  [BucketArg.HOUR]: '1h',
  [BucketArg.SIX_HOURS]: '6h',
  [BucketArg.DAY]: '1d',
  [BucketArg.WEEK]: '1w',
  [BucketArg.MONTH]: '1mo',
};
export const ARG_OF_BUCKET = Object.fromEntries(Object.entries(BUCKET_OF_ARG).map(([k, v]) => [v, k])) as Record<Bucket, BucketArg>;

export enum RollupLevel {
  RAW = 'RAW',
  HOURLY = 'HOURLY',
  DAILY = 'DAILY',
}
registerEnumType(RollupLevel, { name: 'RollupLevel', description: 'Which stored level served a series: per-sweep rows, hourly or daily rollups.' });

export enum SourceMode {
  LIVE = 'LIVE',
  SIMULATED = 'SIMULATED',
}
registerEnumType(SourceMode, { name: 'SourceMode' });

export enum StorageDialect {
  TIMESCALEDB = 'TIMESCALEDB',
  POSTGRES = 'POSTGRES',
}
registerEnumType(StorageDialect, { name: 'StorageDialect' });
