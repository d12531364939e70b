export { createTestDatabase, TEST_POSTGRES_ADMIN_URL, type TestDatabase } from './postgres';
export { createTestRedis, TEST_REDIS_URL, type TestRedis } from './redis';
export { startPrivateRedis, type PrivateRedis, type PrivateRedisOptions } from './private-redis';
export { startPrivatePostgres, type PostgresStopMode, type PrivatePostgres } from './private-postgres';
export { spawnLogged, type LoggedProcess } from './logged-process';
