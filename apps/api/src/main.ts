import 'reflect-metadata';
import { resolve } from 'node:path';
import { describeConfig, loadConfigOrExit, secretValues } from '@streamscope/config';
import { AnalyticsRepository, ApiKeyRepository, IngestionRunRepository, SweepRepository } from '@streamscope/db';
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
import { GamesService } from './modules/games/games.service';
import { createAnalyticsServices } from './modules/platform/analytics-services';
import { SystemService } from './modules/system/system.service';

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
  const runs = new IngestionRunRepository(db);
  const apiKeys = new ApiKeyRepository(db);
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
  const { server, apollo } = await createApiApp({
    config,
    logger: log,
    db,
    redis: redis.client(),
    queues: queues.all(),
    schema,
    services: {
      system: new SystemService(config, db, sweeps),
      games: new GamesService(new AnalyticsRepository(db), config.SWEEP_INTERVAL_SECONDS),
      admin: new AdminService(apiKeys, queues),
      ...createXServices(db, queues),
      ...createAnalyticsServices({ db, games: new GamesService(new AnalyticsRepository(db), config.SWEEP_INTERVAL_SECONDS), sweepIntervalSeconds: config.SWEEP_INTERVAL_SECONDS }),
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

  onShutdown(log, 30_000, async () => {
    await apollo.stop(); // stops accepting requests and drains open ones
    // Finishes the active job; queued ones stay in Redis for the next start.
    if (runtime) await runtime.close();
    else await queues.close();
    await closeSource();
    await db.close();
    await redis.stop();
  });
}, () => logger);
