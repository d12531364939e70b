export * from './contract';
export { DEFAULT_JOB_OPTIONS, LOCK_DURATION_MS } from './options';
export { Queues, type QueueSettings } from './queues';
export { connectRedis, probeRedis, RedisUnavailableError, type RedisHandle, type RedisTarget } from './redis';
export { eventsChannel } from './events';
