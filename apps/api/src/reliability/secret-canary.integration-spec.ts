import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeConfig, parseConfig, secretValues, type AppConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { startWorkerRuntime, type WorkerRuntime } from '@streamscope/ingestion';
import type { RedisHandle } from '@streamscope/queues';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger, type Logger } from '@streamscope/telemetry';
import {
  createTestDatabase,
  createTestRedis,
  startPrivateRedis,
  TEST_POSTGRES_ADMIN_URL,
  type PrivateRedis,
  type TestDatabase,
  type TestRedis,
} from '@streamscope/testing';
import { openRedis } from '../bootstrap';
import { startApiChild } from '../testing/api-child';
import { startApiHarness, type Harness } from '../testing/api-harness';

/**
 * Issue #8 case 8: unique fake secrets go in, every failure path is forced, and every place
 * text comes out (logs, console, Redis, Bull Board, GraphQL errors, /readyz, /metrics,
 * ingestion_runs) is searched for them. Run twice: on the shared Redis (no password), and on a
 * private redis-server with requirepass, whose password travels in REDIS_URL; that run also
 * forces a wrong password (in process and through the real API entry point) and Redis down.
 */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const tag = randomBytes(6).toString('hex');
const TWITCH_SECRET = `canaryTwitch${tag}`;
const ADMIN_TOKEN = `canaryAdmin${tag}xyz`;
const DB_PASSWORD = `canaryDbPw${tag}`;
const REDIS_PASSWORD = `canaryRedisPw${tag}`;
const WRONG_REDIS_PASSWORD = `canaryWrongPw${tag}`;
const SECRETS = [TWITCH_SECRET, ADMIN_TOKEN, DB_PASSWORD, REDIS_PASSWORD, WRONG_REDIS_PASSWORD];

type Variant = 'shared Redis' | 'Redis URL with a password';

function canary(variant: Variant, label: string, seed: number): void {
  const withPassword = variant === 'Redis URL with a password';
  let testDb: TestDatabase;
  let testRedis: TestRedis;
  let privateRedis: PrivateRedis | null = null;
  let redisUrl: string;
  let prefix: string;
  let db: Database;
  let sim: Simulator;
  let rt: WorkerRuntime;
  let api: Harness;
  let config: AppConfig;
  let logger: Logger;
  let handle: RedisHandle;
  let env: Record<string, string>;
  const logLines: string[] = [];
  const consoleLines: string[] = [];
  const collected: Array<{ where: string; text: string }> = [];
  const restoreConsole: Array<() => void> = [];

  beforeAll(async () => {
    // ioredis and BullMQ print some connection errors with console.error: searched as well.
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
        original.apply(console, args);
      };
      restoreConsole.push(() => (console[level] = original));
    }
    testDb = await createTestDatabase(label);
    testRedis = createTestRedis(label);
    prefix = testRedis.prefix;
    if (withPassword) {
      privateRedis = await startPrivateRedis({ persistence: true, password: REDIS_PASSWORD });
      redisUrl = privateRedis.url;
      expect(redisUrl).toContain(REDIS_PASSWORD);
    } else {
      redisUrl = testRedis.url;
    }
    const url = new URL(testDb.url);
    url.username = 'postgres';
    url.password = DB_PASSWORD; // trust auth: accepted, and so it is in every connection string
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      TWITCH_CLIENT_ID: 'canary-client-id',
      TWITCH_CLIENT_SECRET: TWITCH_SECRET,
      ADMIN_TOKEN,
      BACKFILL_DAYS: '0',
      LOG_LEVEL: 'debug',
      REDIS_PREFIX: prefix,
    };
    config = parseConfig(env);
    const expected = [TWITCH_SECRET, ADMIN_TOKEN, DB_PASSWORD, ...(withPassword ? [REDIS_PASSWORD] : [])];
    expect(secretValues(config)).toEqual(expect.arrayContaining(expected));
    logger = createLogger({ level: 'debug', name: 'canary', secrets: secretValues(config), destination: sink });
    logger.info({ config: describeConfig(config) }, 'starting');

    db = await openDatabase({ kind: 'server', url: url.toString(), poolSize: 3 }, { logger });
    await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
    sim = await startSimulator({ seed, channels: 200, port: 0, clock: () => FROZEN });
    // The product's own Redis path (probe, eviction check, connection error logging).
    handle = await openRedis(config, logger);
    rt = await startWorkerRuntime({
      config,
      logger,
      db,
      connection: handle.bullConnection(),
      publisher: handle.client(),
      prefix,
      // Bad upstream credentials: our canary secret against the simulator's token endpoint.
      helix: new HelixClient({ clientId: 'canary-client-id', clientSecret: TWITCH_SECRET, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl, logger }),
      simulated: true,
      schedules: false,
    });
    api = await startApiHarness({ db, redisUrl, prefix, env, logger });
  }, 120_000);

  afterAll(async () => {
    await privateRedis?.start().catch(() => undefined); // a failed test may leave it stopped
    await api?.close();
    await rt?.close();
    await handle?.stop();
    await sim?.close();
    await db?.close();
    await testDb?.drop();
    await testRedis?.cleanup();
    await privateRedis?.destroy();
    for (const restore of restoreConsole) restore();
  });

  async function settle(id: string): Promise<void> {
    const q = rt.queues.byName.twitch;
    const deadline = Date.now() + 30_000;
    while (!['completed', 'failed'].includes(await q.getJobState(id))) {
      if (Date.now() > deadline) throw new Error(`job ${id} did not finish`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function collectHttp(where: string, path: string, headers: Record<string, string> = {}): Promise<number> {
    const res = await fetch(`${api.url}${path}`, { headers });
    collected.push({ where: `${where} ${path} (${res.status})`, text: (await res.text()) + JSON.stringify([...res.headers]) });
    return res.status;
  }

  /** Wrong password: in this process (connectRedis's error) and through the real API entry point. */
  async function wrongPassword(): Promise<void> {
    const wrong = new URL(redisUrl);
    wrong.password = WRONG_REDIS_PASSWORD;
    const wrongConfig = parseConfig({ ...env, REDIS_URL: wrong.toString() });
    expect(secretValues(wrongConfig)).toContain(WRONG_REDIS_PASSWORD);
    const failure = await openRedis(wrongConfig, logger).then(
      async (h) => {
        await h.stop();
        return 'connected';
      },
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    expect(failure).toMatch(/cannot reach Redis at .+ \(REDIS_URL\): WRONGPASS/);
    collected.push({ where: 'openRedis wrong password error', text: failure });

    const dataDir = mkdtempSync(join(tmpdir(), 'ss-canary-'));
    try {
      const startup = await startApiChild({ ...env, REDIS_URL: wrong.toString(), DATA_DIR: dataDir }).then(
        async (child) => {
          await child.cleanup();
          return 'started';
        },
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      expect(startup).toMatch(/StreamScope could not start: cannot reach Redis/);
      collected.push({ where: 'API process start with a wrong Redis password', text: startup });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  /** Redis stopped: readiness, GraphQL, metrics and Bull Board answer while the clients retry. */
  async function redisDown(redis: PrivateRedis): Promise<void> {
    await redis.stop();
    try {
      expect(await collectHttp('redis down', '/readyz')).toBe(503);
      const gql = await api.gql('{ systemInfo { sweepCount } }');
      collected.push({ where: 'graphql redis down', text: JSON.stringify(gql.body) });
      await collectHttp('redis down', '/metrics');
      // Bull Board's API waits for Redis; a bounded wait is enough to catch what it says meanwhile.
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), 3_000);
      await fetch(`${api.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: ac.signal })
        .then(async (res) => collected.push({ where: `bull board redis down (${res.status})`, text: await res.text() }))
        .catch(() => undefined)
        .finally(() => clearTimeout(timer));
      // The clients have logged their failed reconnects by now.
      const deadline = Date.now() + 20_000;
      while (!logLines.some((l) => l.includes('redis connection error'))) {
        if (Date.now() > deadline) throw new Error('no redis connection error was logged while Redis was down');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await redis.start();
    }
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${api.url}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('not ready again after Redis came back');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it(`no secret appears in logs, Redis, Bull Board, GraphQL errors, /readyz, /metrics or ingestion_runs after every failure path (${variant})`, async () => {
    // 1. A job that fails on bad upstream credentials (no retries, to keep it short).
    const failing = await rt.queues.enqueue('twitch.sweep-streams', { trigger: 'manual' }, { attempts: 1 });
    await settle(failing.id as string);
    expect(await rt.queues.byName.twitch.getJobState(failing.id as string)).toBe('failed');
    // 2. A forged job.
    const forged = await rt.queues.byName.twitch.add('twitch.sweep-streams', { trigger: 'manual', secret: 'x' }, { attempts: 1 });
    await settle(forged.id as string);

    // 3. GraphQL errors: a bad query, and a database that refuses connections.
    collected.push({ where: 'graphql bad query', text: JSON.stringify((await api.gql('{ nope }')).body) });
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${testDb.name}" ALLOW_CONNECTIONS false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [testDb.name]);
      const down = await api.gql('{ systemInfo { sweepCount } }');
      expect(down.body.errors?.length).toBeGreaterThan(0);
      collected.push({ where: 'graphql database down', text: JSON.stringify(down.body) });
      await collectHttp('database down', '/readyz');
      await collectHttp('database down', '/metrics');
    } finally {
      await admin.query(`ALTER DATABASE "${testDb.name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }

    // 4. Redis failures (only a private server may be stopped, and only it has a password).
    if (privateRedis) {
      await wrongPassword();
      await redisDown(privateRedis);
    }
    await collectHttp('healthy', '/readyz');
    await collectHttp('healthy', '/metrics');

    // 5. Bull Board: unauthenticated, wrong token, and the authorized JSON (job data, failure reasons).
    for (const [where, headers] of [
      ['bull board no token', {}],
      ['bull board wrong token', { authorization: 'Bearer wrong-token-0123456789' }],
      ['bull board authorized', { authorization: `Bearer ${ADMIN_TOKEN}` }],
    ] as const) {
      for (const path of ['/admin/queues/api/queues?activeQueue=twitch&status=failed&page=1', '/admin/queues/api/queues']) {
        await collectHttp(where, path, headers);
      }
    }
    const login = await fetch(`${api.url}/admin/login`, { method: 'POST', body: 'token=wrong', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    collected.push({ where: 'admin login failure', text: (await login.text()) + JSON.stringify([...login.headers]) });

    // 6. Everything Redis holds under our prefix.
    const r = new Redis(redisUrl);
    try {
      const keys = await r.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const type = await r.type(key);
        let value: unknown;
        if (type === 'string') value = await r.get(key);
        else if (type === 'hash') value = await r.hgetall(key);
        else if (type === 'list') value = await r.lrange(key, 0, -1);
        else if (type === 'set') value = await r.smembers(key);
        else if (type === 'zset') value = await r.zrange(key, 0, -1, 'WITHSCORES');
        else if (type === 'stream') value = await r.xrange(key, '-', '+');
        collected.push({ where: `redis ${key}`, text: `${key} ${JSON.stringify(value)}` });
      }
    } finally {
      r.disconnect();
    }

    // 7. ingestion_runs, where failures are recorded.
    const runs = await db.query<{ error: string | null }>('select error from ingestion_runs');
    expect(runs.some((x) => x.error)).toBe(true);
    collected.push({ where: 'ingestion_runs', text: JSON.stringify(runs) });
    collected.push({ where: 'logs', text: logLines.join('\n') });
    collected.push({ where: 'console', text: consoleLines.join('\n') });

    // The failure paths really ran and were logged (so the search below searched something).
    expect(logLines.some((l) => l.includes('job failed'))).toBe(true);
    expect(logLines.some((l) => l.includes('rejected invalid job payload'))).toBe(true);
    expect(logLines.some((l) => l.includes('GraphQL request failed: database unavailable'))).toBe(true);
    expect(collected.some((c) => c.where.startsWith('bull board authorized') && c.text.includes('failedReason'))).toBe(true);
    expect(collected.some((c) => c.where.startsWith('healthy /metrics (200)') && c.text.includes('# TYPE'))).toBe(true);
    if (withPassword) {
      expect(logLines.some((l) => l.includes('redis connection error'))).toBe(true);
      expect(consoleLines.some((l) => l.includes('ECONNREFUSED'))).toBe(true);
    }

    const leaks = collected.flatMap((c) => SECRETS.filter((s) => c.text.includes(s)).map((s) => `${s.slice(0, 14)}… in ${c.where}`));
    expect(leaks).toEqual([]);
  }, 120_000);
}

describe('secret canary', () => {
  describe('shared Redis', () => canary('shared Redis', 'relcanary', 13));
  describe('Redis URL with a password', () => canary('Redis URL with a password', 'relcanarypw', 14));
});
