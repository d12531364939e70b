export { createTestDatabase, TEST_POSTGRES_ADMIN_URL, type TestDatabase } from './postgres';
export { createTestRedis, TEST_REDIS_URL, type TestRedis } from './redis';
export { startPrivateRedis, type PrivateRedis, type PrivateRedisOptions } from './private-redis';
