import type { PersistedQueryOptions } from '@apollo/server';
import type { Redis } from 'ioredis';

type KeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

/**
 * Apollo's KeyValueCache over the app's Redis, so every API replica shares the persisted-query
 * registry: a client that registered a query on one replica gets hits on all of them.
 * A Redis failure is a cache miss (the client re-sends the full query), never a failed request.
 */
export class RedisKeyValueCache implements KeyValueCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (err) {
      this.onError(err);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    try {
      const ttl = options?.ttl;
      if (ttl) await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(ttl)));
      else await this.redis.set(this.prefix + key, value);
    } catch (err) {
      this.onError(err);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }
}
