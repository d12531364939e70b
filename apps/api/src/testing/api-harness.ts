import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { parseConfig, type AppConfig } from '@streamscope/config';
import { AnalyticsRepository, IngestionRunRepository, ScheduleOverrideRepository, SweepRepository, type Database } from '@streamscope/db';
import { eventsChannel, Queues } from '@streamscope/queues';
import { createLogger, type Logger } from '@streamscope/telemetry';
import { createApiApp, type ApiApp } from '../app';
import { buildApiSchema } from '../graphql/schema';
import { ApiMetrics } from '../http/metrics';
import { RedisEventsPubSub } from '../modules/live/redis-pubsub';
import { AdminService } from '../modules/admin/admin.service';
import { createXServices } from '../modules/x/x-services';
import { createTrackingServices } from '../modules/tracking/tracking-services';
import { GamesService } from '../modules/games/games.service';
import { createAnalyticsServices } from '../modules/platform/analytics-services';
import { SystemService } from '../modules/system/system.service';
import { SweepIntervalService } from '../modules/system/sweep-interval.service';
import { CachedApiKeyRepository } from '../auth/api-key-cache';

export interface Harness {
  url: string;
  queues: Queues;
  config: AppConfig;
  app: ApiApp;
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }>;
  close(): Promise<void>;
}

/** The real API app on a random loopback port, over a given database and Redis prefix. */
export async function startApiHarness(opts: {
  db: Database;
  redisUrl: string;
  prefix: string;
  env?: Record<string, string>;
  now?: () => number;
  /** Where the app logs (silent by default); the secret canary test reads it. */
  logger?: Logger;
}): Promise<Harness> {
  const config = parseConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: 'test-admin-token-0123456789', REDIS_PREFIX: opts.prefix, ...opts.env });
  const logger = opts.logger ?? createLogger({ level: 'silent' });
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const queues = new Queues({ connection: redis, prefix: opts.prefix });
  const subscriber = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const sweeps = new SweepRepository(opts.db);
  const sweepInterval = new SweepIntervalService(config, new ScheduleOverrideRepository(opts.db));
  const runs = new IngestionRunRepository(opts.db);
  const apiKeys = new CachedApiKeyRepository(opts.db);
  const metrics = new ApiMetrics({
    ingestionLagSeconds: async () => {
      const latest = await sweeps.latestSweep();
      return latest ? (Date.now() - latest.ts.getTime()) / 1000 : null;
    },
    runCounts: () => runs.countsByStatus(),
  });
  const app = await createApiApp({
    config,
    logger,
    db: opts.db,
    redis,
    queues: queues.all(),
    schema: await buildApiSchema(new RedisEventsPubSub(subscriber, eventsChannel(config.REDIS_PREFIX), () => undefined)),
    services: {
      system: new SystemService(config, opts.db, sweeps, sweepInterval),
      games: new GamesService(new AnalyticsRepository(opts.db), sweepInterval, opts.now),
      admin: new AdminService(apiKeys, queues),
      ...createXServices(opts.db, queues),
      ...createTrackingServices(opts.db, queues, config, sweepInterval),
      ...createAnalyticsServices({
        db: opts.db,
        games: new GamesService(new AnalyticsRepository(opts.db), sweepInterval, opts.now),
        sweepInterval,
        now: opts.now,
      }),
    },
    adminToken: config.ADMIN_TOKEN ?? null,
    webDistDir: null,
    migrations: () => ({ applied: true, names: [] }),
    metrics,
    apiKeys,
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    queues,
    config,
    app,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    async close() {
      await app.apollo.stop();
      await queues.close();
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
