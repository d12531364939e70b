import 'reflect-metadata';
import { resolve } from 'node:path';
import { describeConfig, loadConfigOrExit, secretValues } from '@streamscope/config';
import { AnalyticsRepository, IngestionRunRepository, ScheduleOverrideRepository, SweepRepository } from '@streamscope/db';
import { createSources, startWorkerRuntime, type WorkerRuntime } from '@streamscope/ingestion';
import { eventsChannel, Queues } from '@streamscope/queues';
import { createLogger, type Logger } from '@streamscope/telemetry';
import { resolveAdminToken } from './admin/admin-token';
import { createApiApp } from './app';
import { onShutdown, openAndMigrate, openRedis, runMain } from './bootstrap';
import { buildApiSchema } from './graphql/schema';
import { ApiMetrics } from './http/metrics';
import { RedisEventsPubSub } from './modules/live/redis-pubsub';
import { AdminService } from './modules/admin/admin.service';
import { createXServices } from './modules/x/x-services';
import { createTrackingServices } from './modules/tracking/tracking-services';
import { GamesService } from './modules/games/games.service';
import { createAnalyticsServices } from './modules/platform/analytics-services';
import { SystemService } from './modules/system/system.service';
import { SweepIntervalService } from './modules/system/sweep-interval.service';
import { CachedApiKeyRepository } from './auth/api-key-cache';

let logger: Logger | undefined;

runMain(async () => {
  const config = loadConfigOrExit();
  logger = createLogger({ level: config.LOG_LEVEL, name: 'streamscope', secrets: secretValues(config) });
  const log = logger;
  log.info({ config: describeConfig(config) }, 'starting');

  const redis = await openRedis(config, log);
  const { db, migrations } = await openAndMigrate(config, log);

  // In ROLE=all the worker shares this process (the only way to share an embedded database).
  let runtime: WorkerRuntime | null = null;
  let closeSource = async () => undefined as void;
  let queues: Queues;
  if (config.ROLE === 'all') {
    const source = await createSources(config, log);
    closeSource = source.close;
    runtime = await startWorkerRuntime({
      config,
      logger: log,
      db,
      connection: redis.bullConnection(),
      publisher: redis.client(),
      prefix: config.REDIS_PREFIX,
      helix: source.helix,
      simulated: source.twitchSimulated,
      x: source.x,
      xSimulated: source.xSimulated,
    });
    queues = runtime.queues;
  } else {
    queues = new Queues({ connection: redis.bullConnection(), prefix: config.REDIS_PREFIX });
  }

  const admin = resolveAdminToken(config.ADMIN_TOKEN, config.dataDir);
  if (admin.file) log.info({ file: admin.file }, 'admin token for Bull Board and mutations is stored in this file (set ADMIN_TOKEN to choose one)');

  const sweeps = new SweepRepository(db);
  // Every reader of the sweep interval shares one cache; setScheduleInterval refreshes it.
  const sweepInterval = new SweepIntervalService(config, new ScheduleOverrideRepository(db));
  const runs = new IngestionRunRepository(db);
  const apiKeys = new CachedApiKeyRepository(db);
  const metrics = new ApiMetrics({
    ingestionLagSeconds: async () => {
      const latest = await sweeps.latestSweep();
      return latest ? (Date.now() - new Date(latest.ts).getTime()) / 1000 : null;
    },
    runCounts: () => runs.countsByStatus(),
  });
  const pubSub = new RedisEventsPubSub(redis.client(), eventsChannel(config.REDIS_PREFIX), (err) =>
    log.warn({ err }, 'pipeline events subscription error'),
  );
  const schema = await buildApiSchema(pubSub);
  const { server, apollo, markShuttingDown } = await createApiApp({
    config,
    logger: log,
    db,
    redis: redis.client(),
    queues: queues.all(),
    schema,
    services: {
      system: new SystemService(config, db, sweeps, sweepInterval),
      games: new GamesService(new AnalyticsRepository(db), sweepInterval),
      admin: new AdminService(apiKeys, queues),
      ...createXServices(db, queues),
      ...createTrackingServices(db, queues, config, sweepInterval),
      ...createAnalyticsServices({ db, games: new GamesService(new AnalyticsRepository(db), sweepInterval), sweepInterval }),
    },
    adminToken: admin.token,
    webDistDir: config.SERVE_WEB ? resolve(import.meta.dirname, '../../web/dist') : null,
    migrations: () => ({ applied: true, names: migrations }),
    metrics,
    apiKeys,
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const shown = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  log.info({ url: `http://${shown}:${port}`, graphql: `http://${shown}:${port}/graphql`, bullBoard: `http://${shown}:${port}/admin/queues` }, 'StreamScope is ready');

  const delayMs = config.SHUTDOWN_DELAY_SECONDS * 1000;
  onShutdown(log, 30_000 + delayMs, async () => {
    // Not ready first, still serving: a load balancer polling /readyz moves traffic away.
    markShuttingDown();
    log.info({ delaySeconds: config.SHUTDOWN_DELAY_SECONDS }, 'readiness: not ready (shutting down)');
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    // Closes the listener (new connections are refused), ends subscriptions (1001), lets open requests finish.
    await apollo.stop();
    log.info('http server closed: open requests finished');
    // Finishes the active job; queued ones stay in Redis for the next start.
    if (runtime) await runtime.close();
    else await queues.close();
    await closeSource();
    await db.close();
    await redis.stop();
  });
}, () => logger);
