export * from './buckets';
export * from './metrics';
export * from './calendar';
export * from './correlation';
export * from './x-query';
