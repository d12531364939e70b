export { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions, type RuntimeTuning } from './runtime';
export { scheduleTable, SWEEP_SCHEDULE_ID, type ScheduleEntry } from './schedulers';
export {
  SCHEDULE_BOUNDS,
  scheduleBounds,
  applyScheduleOverrides,
  effectiveSchedules,
  effectiveEverySeconds,
  upsertSchedule,
  type EffectiveSchedule,
} from './schedule-overrides';
export { dispatch, slotOf } from './dispatch';
export { toStreamObservation, sweepTimestamp } from './ingest/streams.mapper';
export type { WorkerContext, PipelineEvent, RunOutcome } from './context';
export { createSources, createXSource, type Sources } from './sources';
export {
  XTrackedQueryService,
  InvalidTrackedQueryError,
  checkTrackedQuery,
  assertTrackedQueriesConfig,
  trackedQueryConfigProblems,
  MAX_X_QUERY_LENGTH,
  type TrackedQueryInput,
} from './x/tracked-queries.service';
export { autoTrackQuery, gameHashtag } from './x/auto-track.query';
export { RunFailure } from './context';
