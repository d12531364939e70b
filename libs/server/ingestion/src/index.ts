export { startWorkerRuntime, eventsChannel, type WorkerRuntime, type WorkerRuntimeOptions } from './runtime';
export { scheduleTable, type ScheduleEntry } from './schedulers';
export { dispatch, slotOf } from './dispatch';
export { toStreamObservation, sweepTimestamp } from './ingest/streams.mapper';
export type { WorkerContext, PipelineEvent, RunOutcome } from './context';
export { createTwitchSource, type TwitchSource } from './twitch-source';
