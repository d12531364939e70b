export type { Database, DatabaseInfo, DatabaseTarget, Dialect, DbLogger, OpenDatabaseOptions, Sql } from './database/types';
export { DatabaseOpenError } from './database/types';
export { openDatabase } from './database/open-database';
export { describeServerUrl } from './database/server-database';
export { isDatabaseUnavailable } from './database/unavailable';
export { copyFromStdin, copyText } from './database/copy-in';
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
export { ApiKeyRepository, type ApiKeyRow, type ApiKeyScope } from './repositories/api-key.repository';
export {
  TwitchBreakdownRepository,
  type BreakdownFilter,
  type RankQuery,
  type RankedKey,
  type RankResult,
  type KeySeriesQuery,
  type KeySeriesResult,
  type KeySumsRow,
  type BucketSumsRow,
  type OtherSeriesQuery,
} from './repositories/twitch-breakdown.repository';
export type { Dimension, RankBy, RangeSums } from './repositories/twitch-sql';
export {
  TwitchChannelsRepository,
  type TopChannelsQuery,
  type TopChannelRow,
  type TopChannelsResult,
} from './repositories/twitch-channels.repository';
export {
  TwitchEntitiesRepository,
  type GameRow,
  type ChannelRow,
  type SessionQuery,
  type SessionRow,
} from './repositories/twitch-entities.repository';
export { TwitchHeatmapRepository, type HeatmapQuery, type HeatmapCellRow } from './repositories/twitch-heatmap.repository';
export { PipelineStatusRepository } from './repositories/pipeline-status.repository';
export {
  XQueryRepository,
  type TrackedQuery,
  type TrackedQueryOrigin,
  type NewTrackedQuery,
  type AutoTrackTarget,
  type AutoTrackResult,
} from './repositories/x-query.repository';
export { XCountsRepository, type XCountGranularity, type XCountBucketWrite, type XCountRow } from './repositories/x-counts.repository';
export {
  XPostRepository,
  type XPostWrite,
  type XPostMetricsWrite,
  type XAuthorWrite,
  type XSearchWrite,
  type XSearchWriteResult,
  type XMetricsWrite,
} from './repositories/x-post.repository';
export { XAnalyticsRepository, type XVolumeRow, type XEngagementSummary, type XEntityCount, type XAuthorRank, type XEntityKind, type XPostRateRow } from './repositories/x-analytics.repository';
export { TrackedGameRepository, type TrackedGameRow, type TrackedGameState } from './repositories/tracked-game.repository';
export { ScheduleOverrideRepository } from './repositories/schedule-override.repository';
