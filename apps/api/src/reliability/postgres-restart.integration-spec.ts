import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { startWorkerRuntime, type WorkerRuntime } from '@streamscope/ingestion';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestRedis, startPrivatePostgres, type PostgresStopMode, type PrivatePostgres, type TestRedis } from '@streamscope/testing';
import { startApiChild, type ApiChild } from '../testing/api-child';

/**
 * Issue #8 case 4b: the Postgres *server* is restarted (pg_ctl stop -m fast / -m immediate, then
 * start) while a sweep is inside its write transaction, and while idle. The server is a private
 * one started by this file (never the shared 5432). The API is the real entry point in a child
 * process; the worker runtime runs in this process, so an unhandled pool error fails the file.
 */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const SYSTEM = '{ systemInfo { sweepCount } }';
const logLines: string[] = [];
const logger = createLogger({
  level: 'warn',
  destination: { write: (line: string) => void logLines.push(line) } as unknown as NodeJS.WritableStream,
});

let server: PrivatePostgres;
let dbUrl: string;
let testRedis: TestRedis;
let workerDb: Database;
let sim: Simulator;
let rt: WorkerRuntime;
let api: ApiChild;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startPrivatePostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE streamscope');
  await admin.end();
  dbUrl = server.urlFor('streamscope');
  testRedis = createTestRedis('relpgrestart');
  workerDb = await openDatabase({ kind: 'server', url: dbUrl, poolSize: 3 }, { logger });
  await migrate(workerDb, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 21, channels: 600, port: 0, clock: () => FROZEN });
  const conn = () => {
    const c = new Redis(testRedis.url, { maxRetriesPerRequest: null });
    clients.push(c);
    return c;
  };
  rt = await startWorkerRuntime({
    config: parseConfig({ BACKFILL_DAYS: '0' }),
    logger,
    db: workerDb,
    connection: conn(),
    publisher: conn(),
    prefix: testRedis.prefix,
    helix: new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl }),
    simulated: true,
    schedules: false,
  });
  api = await startApiChild({
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: '3',
    REDIS_URL: testRedis.url,
    REDIS_PREFIX: testRedis.prefix,
    ADMIN_TOKEN: 'restart-admin-token-0123456789',
  });
}, 120_000);

afterAll(async () => {
  await api?.cleanup();
  await rt?.close();
  for (const c of clients) c.disconnect();
  await sim?.close();
  await workerDb?.close().catch(() => undefined);
  await server?.destroy();
  await testRedis?.cleanup();
});

type GqlBody = { data?: { systemInfo: { sweepCount: number } } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };

async function gql(): Promise<{ status: number; body: GqlBody }> {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SYSTEM }) });
  return { status: res.status, body: (await res.json()) as GqlBody };
}

async function readyz(): Promise<{ status: number; database: boolean }> {
  const res = await fetch(`${api.url}/readyz`);
  const body = (await res.json()) as { checks: { database: { ok: boolean } } };
  return { status: res.status, database: body.checks.database.ok };
}

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** While the server is down: the API answers at once, saying the database is unavailable, and is not ready. */
async function expectOutageAnswers(): Promise<void> {
  const down = await gql();
  expect(down.status).toBe(200);
  expect(down.body.data ?? null).toBeNull();
  expect(down.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
  expect(down.body.errors?.[0]?.message).toMatch(/database is unavailable/);
  // No SQL, host or driver text in the answer.
  expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|terminat|select/i);
  expect(await readyz()).toEqual({ status: 503, database: false });
  expect(api.proc.exitCode).toBeNull();
}

/** After the restart: ready again and GraphQL answers from the database, with no process restarted. */
async function expectRecovered(sweeps: number): Promise<void> {
  await until('readyz 200', readyz, (r) => r.status === 200);
  const after = await gql();
  expect(after.body.errors).toBeUndefined();
  expect(after.body.data?.systemInfo.sweepCount).toBe(sweeps);
  expect(api.proc.exitCode).toBeNull();
}

async function expectStoredTruth(at: Date, sweeps: number): Promise<void> {
  const truth = sim.world.liveStreamsAt(at);
  const stored = await workerDb.query<{ stream_id: string; viewers: number }>(
    'select stream_id::text as stream_id, viewers from twitch_stream_snapshots where ts = $1',
    [at.toISOString()],
  );
  const expected = new Map(truth.map((s) => [s.id, s.viewer_count]));
  expect(stored.length).toBe(truth.length);
  expect(new Set(stored.map((r) => r.stream_id)).size).toBe(truth.length);
  for (const r of stored) expect(r.viewers).toBe(expected.get(r.stream_id));
  const counts = await workerDb.query<{ sweeps: number; totals: number; at_sweeps: number; at_totals: number }>(
    `select (select count(*)::int from twitch_sweeps) as sweeps, (select count(*)::int from twitch_sweep_totals) as totals,
            (select count(*)::int from twitch_sweeps where ts = $1) as at_sweeps, (select count(*)::int from twitch_sweep_totals where ts = $1) as at_totals`,
    [at.toISOString()],
  );
  expect(counts[0]).toEqual({ sweeps, totals: sweeps, at_sweeps: 1, at_totals: 1 });
}

async function settle(id: string): Promise<string> {
  const queue = rt.queues.byName.twitch;
  return until(`job ${id} to finish`, () => queue.getJobState(id), (s) => s === 'completed' || s === 'failed', 60_000);
}

async function restartDuringWrite(mode: PostgresStopMode, at: Date, sweepsBefore: number): Promise<void> {
  // Hold the sweep inside its write transaction (SHARE blocks its INSERT into the totals).
  const locker = new pg.Client({ connectionString: dbUrl });
  locker.on('error', () => undefined); // the restart cuts it
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE twitch_sweep_totals IN SHARE MODE');
  const job = await rt.queues.enqueue(
    'twitch.sweep-streams',
    { trigger: 'backfill', at: at.toISOString() },
    // Production backoff is 10 s exponential; fixed 500 ms keeps the test short. Attempts cover
    // the seconds the server is down (each attempt then fails at once on ECONNREFUSED).
    { attempts: 60, backoff: { type: 'fixed', delay: 500 } },
  );
  await until(
    'the sweep waiting on its write',
    async () =>
      (await locker.query<{ n: number }>("select count(*)::int as n from pg_locks where relation = 'twitch_sweep_totals'::regclass and not granted")).rows[0]?.n ?? 0,
    (n) => n > 0,
  );

  await server.stop(mode);
  await expectOutageAnswers();
  await server.start();
  await locker.end().catch(() => undefined);

  expect(await settle(job.id as string)).toBe('completed');
  await expectStoredTruth(at, sweepsBefore + 1);
  await expectRecovered(sweepsBefore + 1);
  const runs = await workerDb.query<{ status: string; error: string | null }>('select status, error from ingestion_runs where job_id = $1 order by id', [job.id]);
  // The cut attempt is closed as failed (recorded then, or by the retry), the last one succeeded.
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.map((r) => r.status)).toEqual([...Array<string>(runs.length - 1).fill('failed'), 'succeeded']);
  for (const r of runs.slice(0, -1)) expect(r.error).toBeTruthy();
}

describe('Postgres server restarted', () => {
  it('fast shutdown mid-write: the sweep retries and stores exactly the truth; the API says the database is unavailable, then recovers', async () => {
    expect((await gql()).body.data?.systemInfo.sweepCount).toBe(0);
    await restartDuringWrite('fast', new Date(FROZEN.getTime() - 3 * 3_600_000), 0);
  }, 120_000);

  it('immediate shutdown (crash recovery at start) mid-write: same outcome', async () => {
    await restartDuringWrite('immediate', new Date(FROZEN.getTime() - 2 * 3_600_000), 1);
  }, 120_000);

  it('restart while idle: nothing crashes, new work runs against the restarted server', async () => {
    await server.stop('fast');
    await expectOutageAnswers();
    await server.start();
    await expectRecovered(2);
    const at = new Date(FROZEN.getTime() - 3_600_000);
    const job = await rt.queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at.toISOString() }, { attempts: 3, backoff: { type: 'fixed', delay: 500 } });
    expect(await settle(job.id as string)).toBe('completed');
    await expectStoredTruth(at, 3);
    // Both processes handled the dropped idle connections (logged, not thrown).
    expect(logLines.some((l) => l.includes('idle database connection failed'))).toBe(true);
    expect(api.lines.some((l) => l.includes('idle database connection failed'))).toBe(true);
    expect(api.lines.filter((l) => /uncaught|unhandled/i.test(l))).toEqual([]);
  }, 120_000);
});
