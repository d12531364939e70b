export * from './buckets';
export * from './metrics';
export * from './calendar';
