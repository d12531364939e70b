import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeConfig, parseConfig, secretValues, type AppConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { startWorkerRuntime, type WorkerRuntime } from '@streamscope/ingestion';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, createTestRedis, TEST_POSTGRES_ADMIN_URL, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../testing/api-harness';

/**
 * Issue #8 case 8: unique fake secrets go in, every failure path is forced, and every place
 * text comes out (logs, Redis, Bull Board, GraphQL errors, ingestion_runs) is searched for them.
 * (A Redis URL password is not covered: the shared test Redis has none.)
 */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const tag = randomBytes(6).toString('hex');
const TWITCH_SECRET = `canaryTwitch${tag}`;
const ADMIN_TOKEN = `canaryAdmin${tag}xyz`;
const DB_PASSWORD = `canaryDbPw${tag}`;

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let sim: Simulator;
let rt: WorkerRuntime;
let api: Harness;
let config: AppConfig;
const logLines: string[] = [];
const clients: Redis[] = [];
const collected: Array<{ where: string; text: string }> = [];

beforeAll(async () => {
  testDb = await createTestDatabase('relcanary');
  testRedis = createTestRedis('relcanary');
  const url = new URL(testDb.url);
  url.username = 'postgres';
  url.password = DB_PASSWORD; // trust auth: accepted, and so it is in every connection string
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const env = {
    DATABASE_URL: url.toString(),
    TWITCH_CLIENT_ID: 'canary-client-id',
    TWITCH_CLIENT_SECRET: TWITCH_SECRET,
    ADMIN_TOKEN,
    BACKFILL_DAYS: '0',
    LOG_LEVEL: 'debug',
    REDIS_PREFIX: testRedis.prefix,
  };
  config = parseConfig(env);
  expect(secretValues(config)).toEqual(expect.arrayContaining([TWITCH_SECRET, ADMIN_TOKEN, DB_PASSWORD]));
  const logger = createLogger({ level: 'debug', name: 'canary', secrets: secretValues(config), destination: sink });
  logger.info({ config: describeConfig(config) }, 'starting');

  db = await openDatabase({ kind: 'server', url: url.toString(), poolSize: 3 }, { logger });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 13, channels: 200, port: 0, clock: () => FROZEN });
  const conn = () => {
    const c = new Redis(testRedis.url, { maxRetriesPerRequest: null });
    clients.push(c);
    return c;
  };
  rt = await startWorkerRuntime({
    config,
    logger,
    db,
    connection: conn(),
    publisher: conn(),
    prefix: testRedis.prefix,
    // Bad upstream credentials: our canary secret against the simulator's token endpoint.
    helix: new HelixClient({ clientId: 'canary-client-id', clientSecret: TWITCH_SECRET, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl, logger }),
    simulated: true,
    schedules: false,
  });
  api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix, env, logger });
});

afterAll(async () => {
  await api?.close();
  await rt?.close();
  for (const c of clients) c.disconnect();
  await sim?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

async function settle(id: string): Promise<void> {
  const q = rt.queues.byName.twitch;
  const deadline = Date.now() + 30_000;
  while (!['completed', 'failed'].includes(await q.getJobState(id))) {
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('secret canary', () => {
  it('no secret appears in logs, Redis, Bull Board, GraphQL errors or ingestion_runs after every failure path', async () => {
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
      const ready = await fetch(`${api.url}/readyz`);
      collected.push({ where: 'readyz database down', text: await ready.text() });
    } finally {
      await admin.query(`ALTER DATABASE "${testDb.name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }

    // 4. Bull Board: unauthenticated, wrong token, and the authorized JSON (job data, failure reasons).
    for (const [where, headers] of [
      ['bull board no token', {}],
      ['bull board wrong token', { authorization: 'Bearer wrong-token-0123456789' }],
      ['bull board authorized', { authorization: `Bearer ${ADMIN_TOKEN}` }],
    ] as const) {
      for (const path of ['/admin/queues/api/queues?activeQueue=twitch&status=failed&page=1', '/admin/queues/api/queues']) {
        const res = await fetch(`${api.url}${path}`, { headers });
        collected.push({ where: `${where} ${path} (${res.status})`, text: await res.text() });
      }
    }
    const login = await fetch(`${api.url}/admin/login`, { method: 'POST', body: 'token=wrong', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    collected.push({ where: 'admin login failure', text: (await login.text()) + JSON.stringify([...login.headers]) });

    // 5. Everything Redis holds under our prefix.
    const r = new Redis(testRedis.url);
    try {
      const keys = await r.keys(`${testRedis.prefix}*`);
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

    // 6. ingestion_runs, where failures are recorded.
    const runs = await db.query<{ error: string | null }>('select error from ingestion_runs');
    expect(runs.some((x) => x.error)).toBe(true);
    collected.push({ where: 'ingestion_runs', text: JSON.stringify(runs) });
    collected.push({ where: 'logs', text: logLines.join('\n') });

    // The failure paths really ran and were logged (so the search below searched something).
    expect(logLines.some((l) => l.includes('job failed'))).toBe(true);
    expect(logLines.some((l) => l.includes('rejected invalid job payload'))).toBe(true);
    expect(logLines.some((l) => l.includes('GraphQL resolver error'))).toBe(true);
    expect(collected.some((c) => c.where.startsWith('bull board authorized') && c.text.includes('failedReason'))).toBe(true);

    const leaks = collected.flatMap((c) =>
      [TWITCH_SECRET, ADMIN_TOKEN, DB_PASSWORD].filter((s) => c.text.includes(s)).map((s) => `${s.slice(0, 12)}… in ${c.where}`),
    );
    expect(leaks).toEqual([]);
  }, 60_000);
});
