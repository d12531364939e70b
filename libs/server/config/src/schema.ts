import { z } from 'zod';

/** Variables whose values must never be printed, logged or returned. */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'TWITCH_CLIENT_SECRET',
  'X_BEARER_TOKEN',
  'ADMIN_TOKEN',
] as const;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int({ message: 'expected a whole number' })
    .min(min, { message: `expected a whole number >= ${min}` })
    .max(max, { message: `expected a whole number <= ${max}` });

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  message: 'expected a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/db',
});

const redisUrl = z.url({
  protocol: /^rediss?$/,
  message: 'expected a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
});

/** One seeded X query; the query grammar itself is checked where the X client lives (ingestion). */
export const xTrackedQuerySeedSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'name must not be empty' }).max(100, { message: 'name is longer than 100 characters' }),
    query: z.string().trim().min(1, { message: 'query must not be empty' }).max(512, { message: 'query is longer than 512 characters' }),
    gameId: z.string().regex(/^[0-9]{1,19}$/, { message: 'gameId must be a Twitch game id (decimal digits)' }).optional(),
  })
  .strict();
export type XTrackedQuerySeed = z.infer<typeof xTrackedQuerySeedSchema>;

/** JSON array of {"name","query","gameId"?}; every problem names the entry and its field. */
const trackedQueries = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string()
    .optional()
    .transform((raw, ctx): XTrackedQuerySeed[] => {
      if (raw === undefined) return [];
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON array such as [{"name":"Valorant","query":"#Valorant -is:retweet"}]' });
        return z.NEVER;
      }
      if (!Array.isArray(json)) {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON array of {"name","query","gameId"?} objects' });
        return z.NEVER;
      }
      const out: XTrackedQuerySeed[] = [];
      json.forEach((entry, i) => {
        const r = xTrackedQuerySeedSchema.safeParse(entry);
        if (r.success) out.push(r.data);
        else for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: `entry [${i}]${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}` });
      });
      const seen = new Set<string>();
      out.forEach((q, i) => {
        if (seen.has(q.query)) ctx.addIssue({ code: 'custom', message: `entry [${i}].query: duplicate query ${JSON.stringify(q.query)}` });
        seen.add(q.query);
      });
      return out;
    }),
);

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * Every setting the product reads, with its default. `.env.example` documents each one;
 * a test keeps the two in step.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(0, 65535).default(4000),
    ROLE: z.enum(['all', 'api', 'worker']).default('all'),
    DATA_DIR: z.string().min(1).default('.data'),

    DATABASE_URL: optional(postgresUrl),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    REDIS_URL: optional(redisUrl),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_:-]{1,64}$/, { message: 'expected 1-64 letters, digits, _ : or -' })
      .default('streamscope'),
    REDIS_START_PRIVATE: z.enum(['auto', 'never']).default('auto'),

    TWITCH_CLIENT_ID: optional(z.string().min(1)),
    TWITCH_CLIENT_SECRET: optional(z.string().min(1)),
    TWITCH_API_URL: httpUrl.default('https://api.twitch.tv/helix'),
    TWITCH_AUTH_URL: httpUrl.default('https://id.twitch.tv/oauth2'),

    X_BEARER_TOKEN: optional(z.string().min(1)),
    X_API_URL: httpUrl.default('https://api.x.com/2'),
    X_MONTHLY_POST_BUDGET: int(0, 100_000_000).default(10_000),
    X_SEARCH_MAX_POSTS_PER_RUN: int(10, 100_000).default(200),
    X_SEARCH_INTERVAL_SECONDS: int(60, 86_400).default(900),
    X_AUTO_TRACK_TOP_GAMES: int(0, 50).default(5),
    X_TRACKED_QUERIES: trackedQueries,

    SIMULATOR_SEED: int(0, 2 ** 31 - 1).default(42),
    SIMULATOR_CHANNELS: int(10, 200_000).default(3_000),
    BACKFILL_DAYS: int(0, 90).default(7),
    BACKFILL_SPACING_SECONDS: int(300, 86_400).default(3_600),

    SWEEP_INTERVAL_SECONDS: int(60, 86_400).default(300),
    SWEEP_MAX_PAGES: int(0, 100_000).default(0),
    TOP_GAMES_INTERVAL_SECONDS: int(60, 86_400).default(3_600),
    METADATA_INTERVAL_SECONDS: int(60, 86_400).default(900),
    MAINTENANCE_INTERVAL_SECONDS: int(60, 86_400).default(600),

    RAW_RETENTION_DAYS: int(1, 3_650).default(90),
    COMPRESS_AFTER_DAYS: int(1, 3_650).default(7),
    PARTITIONS_AHEAD_DAYS: int(1, 60).default(7),

    AUTH_MODE: z.enum(['open', 'apikey']).default('open'),
    ADMIN_TOKEN: optional(z.string().min(16, { message: 'expected at least 16 characters' })),
    GRAPHQL_INTROSPECTION: bool.default(true),
    API_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
    SERVE_WEB: bool.default(true),
    SHUTDOWN_DELAY_SECONDS: int(0, 120).default(0),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.TWITCH_CLIENT_ID) !== Boolean(env.TWITCH_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TWITCH_CLIENT_ID ? 'TWITCH_CLIENT_SECRET' : 'TWITCH_CLIENT_ID'],
        message: 'set both TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET, or neither (neither = simulator)',
      });
    }
    if (env.ROLE !== 'all' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['ROLE'],
        message:
          'ROLE=api or ROLE=worker needs DATABASE_URL: the embedded database lives inside one process, so without DATABASE_URL run ROLE=all',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
