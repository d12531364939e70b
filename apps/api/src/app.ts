import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import type { AppConfig } from '@streamscope/config';
import { isDatabaseUnavailable, type ApiKeyRepository, type Database } from '@streamscope/db';
import type { Logger } from '@streamscope/telemetry';
import { loginHandler, loginPage, requireAdmin } from './admin/admin-auth';
import { authenticate, resolvePrincipal, type AuthOptions } from './auth/auth.middleware';
import type { Principal } from './auth/principal';
import { rateLimit } from './auth/rate-limit.middleware';
import { BULL_BOARD_PATH, bullBoardRouter } from './admin/bull-board';
import type { ApiContext, ApiServices } from './graphql/context';
import { armorProtection, QUERY_LIMITS } from './graphql/armor';
import { cachePolicyPlugins } from './graphql/cache-policy';
import { RedisKeyValueCache } from './graphql/redis-kv-cache';
import { healthRouter } from './http/health';
import type { ApiMetrics } from './http/metrics';
import { webRouter } from './http/web';

export interface ApiAppOptions {
  config: AppConfig;
  logger: Logger;
  db: Database;
  redis: Redis;
  queues: Queue[];
  schema: GraphQLSchema;
  services: ApiServices;
  adminToken: string | null;
  webDistDir: string | null;
  migrations: () => { applied: boolean; names: string[] };
  metrics: ApiMetrics;
  apiKeys: ApiKeyRepository;
}

export interface ApiApp {
  app: express.Express;
  server: Server;
  apollo: ApolloServer<ApiContext>;
  /** First step of a graceful stop: /readyz answers 503 from now on (requests are still served). */
  markShuttingDown(): void;
}

/** One HTTP server: SPA at /, GraphQL at /graphql, Bull Board at /admin/queues, health probes. */
export async function createApiApp(opts: ApiAppOptions): Promise<ApiApp> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const server = createServer(app);

  const production = opts.config.NODE_ENV === 'production';
  const auth: AuthOptions = { mode: opts.config.AUTH_MODE, adminToken: opts.adminToken, keys: opts.apiKeys };

  // Subscriptions (graphql-ws) share the port and path; the key travels in connectionParams.
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const armor = armorProtection(production);
  const wsCleanup = useServer<{ authorization?: string }, { principal?: Principal }>(
    {
      schema: opts.schema,
      // The same query-shape limits as over HTTP: graphql-ws runs queries too, not only subscriptions.
      validate: (schema, document) => validate(schema, document, [...specifiedRules, ...armor.validationRules]),
      onConnect: async (ctx) => {
        const header = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        const principal = await resolvePrincipal(header, ctx.extra.request.socket.remoteAddress ?? 'unknown', auth);
        if (!principal) return false;
        ctx.extra.principal = principal;
        return true;
      },
      context: (ctx): ApiContext => ({
        services: opts.services,
        principal: ctx.extra.principal ?? { kind: 'anonymous', ip: 'unknown' },
      }),
    },
    wsServer,
  );

  // Checked alongside the GraphQL work, not before it (see rateLimit).
  const limit = rateLimit({ redis: opts.redis, prefix: opts.config.REDIS_PREFIX, perMinute: opts.config.API_RATE_LIMIT_PER_MINUTE });
  const apollo = new ApolloServer<ApiContext>({
    schema: opts.schema,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    introspection: opts.config.GRAPHQL_INTROSPECTION,
    csrfPrevention: true,
    // Apollo would otherwise stop itself on SIGTERM (outside NODE_ENV=test), closing the listener
    // before main.ts's shutdown marks the process not ready; main.ts owns the shutdown order.
    stopOnTerminationSignals: false,
    // Automatic persisted queries, shared by every replica through Redis. A query is stored only
    // after it passed parsing and every validation rule above, so hash-only requests cannot skip a limit.
    persistedQueries: {
      cache: new RedisKeyValueCache(opts.redis, `${opts.config.REDIS_PREFIX}:gql:`, (err) => opts.logger.warn({ err }, 'persisted query cache unavailable')),
      ttl: 7 * 86_400,
    },
    includeStacktraceInErrorResponses: !production,
    // Apollo indents response JSON by default: for a series of a few thousand values that is
    // more bytes and more CPU than the values themselves.
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [
      ...armor.plugins,
      ...cachePolicyPlugins(opts.config.AUTH_MODE),
      opts.metrics.apolloPlugin(),
      limit.plugin((ctx) => (ctx as ApiContext).rateLimit),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
    formatError(formatted, error) {
      const code = formatted.extensions?.code;
      // Request-level refusals Apollo raises without a code (an APQ hash that does not match its
      // query) carry a 4xx status: they are the client's error, not an internal one.
      const own = (error as { extensions?: { code?: unknown; http?: { status?: number } } } | null)?.extensions;
      const status = own?.http?.status;
      if (own?.code === undefined && status !== undefined && status >= 400 && status < 500) {
        return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
      }
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        // A database that is down or restarting is not a bug: say so, so clients retry later.
        if (isDatabaseUnavailable(unwrapResolverError(error))) {
          opts.logger.warn({ err: error, path: formatted.path }, 'GraphQL request failed: database unavailable');
          return { message: 'the database is unavailable; try again shortly', path: formatted.path, extensions: { code: 'DATABASE_UNAVAILABLE' } };
        }
        opts.logger.error({ err: error, path: formatted.path }, 'GraphQL resolver error');
        // Internal details (SQL, hosts) stay in the log.
        return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      return formatted;
    },
  });
  await apollo.start();

  let shuttingDown = false;
  app.use(healthRouter({ db: opts.db, redis: opts.redis, migrations: opts.migrations, shuttingDown: () => shuttingDown }));
  app.use(opts.metrics.router());

  app.use(
    '/graphql',
    authenticate(auth),
    limit.middleware,
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        services: opts.services,
        principal: req.principal ?? ({ kind: 'anonymous', ip: req.ip ?? 'unknown' } satisfies Principal),
        rateLimit: req.rateLimit,
      }),
    }),
  );

  if (opts.adminToken) {
    const token = opts.adminToken;
    app.get('/admin/login', loginPage);
    app.post('/admin/login', express.urlencoded({ extended: false, limit: '4kb' }), loginHandler(token, production));
    app.use(BULL_BOARD_PATH, requireAdmin(token, '/admin/login'), bullBoardRouter(opts.queues));
  } else {
    app.use('/admin', (_req, res) => {
      res.status(404).json({ error: 'admin is disabled: set ADMIN_TOKEN to enable Bull Board and mutations' });
    });
  }

  const web = opts.webDistDir ? webRouter(opts.webDistDir) : null;
  if (web) app.use(web);
  else {
    app.get('/', (_req, res) => {
      res
        .type('text')
        .send('StreamScope API is running. The web app is not built: run `npm run build -w @streamscope/web` (npm start does this).');
    });
  }

  return {
    app,
    server,
    apollo,
    markShuttingDown: () => {
      shuttingDown = true;
    },
  };
}
