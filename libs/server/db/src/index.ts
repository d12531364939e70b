export type { Database, DatabaseInfo, DatabaseTarget, Dialect, DbLogger, OpenDatabaseOptions, Sql } from './database/types';
export { DatabaseOpenError } from './database/types';
export { openDatabase } from './database/open-database';
export { describeServerUrl } from './database/server-database';
export { migrate, type MigrateOptions, type MigrateResult } from './migrate';
export { MIGRATIONS } from './migrations';
export * from './entities';
export { ROLLUP_FAMILIES, CHANNEL_HOURLY } from './schema/rollups';
export {
  SweepRepository,
  type SweepWrite,
  type SweepWriteResult,
  type StreamObservation,
  type SweepRow,
} from './repositories/sweep.repository';
export {
  AnalyticsRepository,
  type SeriesQuery,
  type GameSeriesQuery,
  type SeriesResult,
  type SumsRow,
  type GameSumsRow,
  type CoverageRow,
  type TopGamesQuery,
  type TopGamesResult,
  type TopGameRow,
} from './repositories/analytics.repository';
export { planBuckets, rangeLevel, zoneOffsetMinutes, type RollupLevel, type BucketPlan } from './repositories/bucket-plan';
export { MaintenanceRepository, type RetentionWindows } from './repositories/maintenance.repository';
export {
  IngestionRunRepository,
  type IngestionRun,
  type IngestionRunStart,
  type IngestionRunFinish,
  type IngestionRunStatus,
} from './repositories/ingestion-run.repository';
export { DimensionRepository, type GameMetadata, type ChannelMetadata } from './repositories/dimension.repository';
