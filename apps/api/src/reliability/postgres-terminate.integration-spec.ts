import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { startWorkerRuntime, type WorkerRuntime } from '@streamscope/ingestion';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, createTestRedis, TEST_POSTGRES_ADMIN_URL, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../testing/api-harness';

/**
 * Issue #8 case 4: every connection of the database is terminated (and new ones refused for a
 * moment) while a sweep is writing and the API is serving. The worker runtime and the API run
 * in this process, so an unhandled pool error would fail the file.
 */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const logger = createLogger({ level: 'silent' });

let testDb: TestDatabase;
let testRedis: TestRedis;
let workerDb: Database;
let apiDb: Database;
let sim: Simulator;
let rt: WorkerRuntime;
let api: Harness;
const clients: Redis[] = [];
let admin: pg.Client;

beforeAll(async () => {
  testDb = await createTestDatabase('relpg');
  testRedis = createTestRedis('relpg');
  // Two pools, as the worker and API processes have in production.
  workerDb = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 3 }, { logger });
  apiDb = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 3 }, { logger });
  await migrate(workerDb, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 9, channels: 600, port: 0, clock: () => FROZEN });
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
  api = await startApiHarness({ db: apiDb, redisUrl: testRedis.url, prefix: testRedis.prefix });
  admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  admin.on('error', () => undefined);
  await admin.connect();
});

afterAll(async () => {
  await admin?.query(`ALTER DATABASE "${testDb.name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
  await admin?.end();
  await api?.close();
  await rt?.close();
  for (const c of clients) c.disconnect();
  await sim?.close();
  await workerDb?.close();
  await apiDb?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

async function terminateAll(except: number[] = []): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    'select count(pg_terminate_backend(pid))::text as n from pg_stat_activity where datname = $1 and pid <> all($2::int[])',
    [testDb.name, except],
  );
  return Number(rows[0]?.n);
}

describe('Postgres connections terminated while busy', () => {
  it('the in-flight sweep retries and stores exactly the truth; GraphQL says the database is unavailable, then recovers', async () => {
    const at = new Date(FROZEN.getTime() - 3_600_000);
    const truth = sim.world.liveStreamsAt(at);
    const SYSTEM = '{ systemInfo { sweepCount } }';
    expect((await api.gql<{ systemInfo: { sweepCount: number } }>(SYSTEM)).body.data?.systemInfo.sweepCount).toBe(0);

    // Hold the sweep inside its write transaction (SHARE blocks its INSERT into the totals).
    const locker = new pg.Client({ connectionString: testDb.url });
    locker.on('error', () => undefined);
    await locker.connect();
    const lockerPid = Number((await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE twitch_sweep_totals IN SHARE MODE');
    const job = await rt.queues.enqueue(
      'twitch.sweep-streams',
      { trigger: 'backfill', at: at.toISOString() },
      // Production backoff is 10 s exponential; the mechanism is the same with 500 ms.
      { attempts: 5, backoff: { type: 'fixed', delay: 500 } },
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await admin.query<{ n: string }>(
        "select count(*)::text as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and state = 'active'",
        [testDb.name],
      );
      if (Number(rows[0]?.n) > 0) break;
      if (Date.now() > deadline) throw new Error('the sweep never reached its write');
      await new Promise((r) => setTimeout(r, 50));
    }

    // Refuse new connections, then cut every existing one (the worker's transaction included).
    await admin.query(`ALTER DATABASE "${testDb.name}" ALLOW_CONNECTIONS false`);
    expect(await terminateAll([lockerPid])).toBeGreaterThan(0);
    await locker.query('ROLLBACK');
    await locker.end();
    expect(await terminateAll()).toBeGreaterThanOrEqual(0);

    const during = await api.gql(SYSTEM);
    expect(during.status).toBe(200);
    expect(during.body.data).toBeFalsy();
    expect(during.body.errors?.[0]?.message).toBe('the database is unavailable; try again shortly');
    expect(during.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    // No SQL, host or connection string leaks into the answer.
    expect(JSON.stringify(during.body)).not.toMatch(/127\.0\.0\.1|postgres|terminat/i);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);

    await admin.query(`ALTER DATABASE "${testDb.name}" ALLOW_CONNECTIONS true`);
    const queue = rt.queues.byName.twitch;
    const until = Date.now() + 30_000;
    while (!['completed', 'failed'].includes(await queue.getJobState(job.id as string)) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const finished = await queue.getJob(job.id as string);
    expect(await queue.getJobState(job.id as string)).toBe('completed');
    expect(finished?.attemptsMade).toBeGreaterThanOrEqual(1);

    const stored = await apiDb.query<{ stream_id: string; viewers: number }>(
      'select stream_id::text as stream_id, viewers from twitch_stream_snapshots where ts = $1',
      [at.toISOString()],
    );
    const expected = new Map(truth.map((s) => [s.id, s.viewer_count]));
    expect(stored.length).toBe(truth.length);
    expect(new Set(stored.map((r) => r.stream_id)).size).toBe(truth.length);
    for (const r of stored) expect(r.viewers).toBe(expected.get(r.stream_id));
    const sweeps = await apiDb.query<{ n: string }>('select count(*)::text as n from twitch_sweeps');
    expect(Number(sweeps[0]?.n)).toBe(1);

    const after = await api.gql<{ systemInfo: { sweepCount: number } }>(SYSTEM);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.systemInfo.sweepCount).toBe(1);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    // The failed attempt is on record with a reason.
    const runs = await apiDb.query<{ status: string; error: string | null }>(
      'select status, error from ingestion_runs where job_id = $1 order by id',
      [job.id],
    );
    // Every attempt is closed: the cut-off ones failed (recorded then, or closed by the retry), the last succeeded.
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.map((r) => r.status)).toEqual([...Array<string>(runs.length - 1).fill('failed'), 'succeeded']);
    for (const r of runs.slice(0, -1)) expect(r.error).toBeTruthy();
  }, 60_000);
});
