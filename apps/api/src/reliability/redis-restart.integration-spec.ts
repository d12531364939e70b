import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type AppConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { scheduleTable, startWorkerRuntime, type WorkerRuntime } from '@streamscope/ingestion';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, startPrivateRedis, type PrivateRedis, type TestDatabase } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../testing/api-harness';

/**
 * Issue #8 case 3: a private redis-server (never the shared one) is restarted under a running
 * worker runtime and API, with and without persistence.
 */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const PREFIX = 'relredis';
const logger = createLogger({ level: 'silent' });

let testDb: TestDatabase;
let db: Database;
let sim: Simulator;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  testDb = await createTestDatabase('relredis');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 3, channels: 600, port: 0, clock: () => FROZEN });
});

afterEach(async () => {
  // Bounded: after a failure with Redis still down, closing BullMQ would wait for it forever.
  for (const c of cleanups.splice(0).reverse()) await Promise.race([c().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
});

afterAll(async () => {
  await sim?.close();
  await db?.close();
  await testDb?.drop();
});

interface Stack {
  redis: PrivateRedis;
  rt: WorkerRuntime;
  api: Harness;
  config: AppConfig;
}

async function stack(persistence: boolean): Promise<Stack> {
  const redis = await startPrivateRedis({ persistence });
  cleanups.push(() => redis.destroy());
  const conns: Redis[] = [];
  const conn = () => {
    const c = new Redis(redis.url, { maxRetriesPerRequest: null });
    c.on('error', () => undefined);
    conns.push(c);
    return c;
  };
  cleanups.push(async () => conns.forEach((c) => c.disconnect()));
  const config = { ...parseConfig({ BACKFILL_DAYS: '0', LOG_LEVEL: 'silent' }), SWEEP_INTERVAL_SECONDS: 3_600 };
  const rt = await startWorkerRuntime({
    config,
    logger,
    db,
    connection: conn(),
    publisher: conn(),
    prefix: PREFIX,
    helix: new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl }),
    simulated: true,
  });
  cleanups.push(() => rt.close());
  const api = await startApiHarness({ db, redisUrl: redis.url, prefix: PREFIX });
  cleanups.push(() => api.close());
  return { redis, rt, api, config };
}

async function schedulerIds(rt: WorkerRuntime): Promise<string[]> {
  const all = await Promise.all(rt.queues.all().map((q) => q.getJobSchedulers()));
  return all
    .flat()
    .map((s) => s.key)
    .sort();
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readyz(api: Harness): Promise<{ status: number; body: { checks: { redis: { ok: boolean }; database: { ok: boolean } } } }> {
  const res = await fetch(`${api.url}/readyz`);
  return { status: res.status, body: (await res.json()) as never };
}

async function completes(rt: WorkerRuntime, id: string): Promise<void> {
  await until(`job ${id}`, async () => (await rt.queues.byName.twitch.getJobState(id)) === 'completed', 30_000);
}

const SYSTEM = '{ systemInfo { sweepCount } }';

describe('Redis restarts (append-only file)', () => {
  it('busy and idle: the worker and the API recover without a restart, schedules survive, /readyz follows Redis', async () => {
    const s = await stack(true);
    const expected = scheduleTable(s.config).map((e) => e.id).sort();
    expect(await schedulerIds(s.rt)).toEqual(expected);
    expect((await readyz(s.api)).status).toBe(200);

    // Busy: a sweep is fetching pages when Redis goes away.
    const at = new Date(FROZEN.getTime() - 3_600_000);
    sim.faults.set({ latencyMs: 300 });
    const job = await s.rt.queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at.toISOString() });
    await until('active sweep', async () => (await s.rt.queues.byName.twitch.getJobState(job.id as string)) === 'active');
    await s.redis.stop();

    const down = await readyz(s.api);
    expect(down.status).toBe(503);
    expect(down.body.checks.redis.ok).toBe(false);
    expect(down.body.checks.database.ok).toBe(true);
    // Reads come from Postgres and still answer.
    // The sweep in flight may commit meanwhile (it needs Postgres and Helix, not Redis).
    const sweeps = async () => Number((await db.query<{ n: string }>('select count(*)::text as n from twitch_sweeps'))[0]?.n);
    const before = await sweeps();
    const read = await s.api.gql<{ systemInfo: { sweepCount: number } }>(SYSTEM);
    const afterRead = await sweeps();
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.systemInfo.sweepCount).toBeGreaterThanOrEqual(before);
    expect(read.body.data?.systemInfo.sweepCount).toBeLessThanOrEqual(afterRead);
    expect(before).toBeGreaterThan(0);

    await s.redis.start();
    sim.faults.reset();
    await completes(s.rt, job.id as string);
    await until('ready again', async () => (await readyz(s.api)).status === 200);
    expect(await schedulerIds(s.rt)).toEqual(expected);
    const stored = await db.query<{ n: string }>('select count(*)::text as n from twitch_stream_snapshots where ts = $1', [at.toISOString()]);
    expect(Number(stored[0]?.n)).toBe(sim.world.liveStreamsAt(at).length);

    // Idle: restart with nothing running, then new work is taken.
    await s.redis.stop();
    await new Promise((r) => setTimeout(r, 500));
    await s.redis.start();
    const at2 = new Date(FROZEN.getTime() - 2 * 3_600_000);
    const after = await until('enqueue after restart', () =>
      s.rt.queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at2.toISOString() }),
    );
    await completes(s.rt, after.id as string);
    expect(await schedulerIds(s.rt)).toEqual(expected);
    await until('ready after idle restart', async () => (await readyz(s.api)).status === 200);
  }, 60_000);
});

describe('Redis restarts empty (no persistence)', () => {
  it('the worker runtime re-registers every schedule on reconnect', async () => {
    const s = await stack(false);
    const expected = scheduleTable(s.config).map((e) => e.id).sort();
    expect(await schedulerIds(s.rt)).toEqual(expected);

    const probe = new Redis(s.redis.url, { maxRetriesPerRequest: null });
    probe.on('error', () => undefined);
    await probe.set('sentinel', '1');
    await s.redis.stop();
    await s.redis.start();
    // A fresh, empty server: nothing of ours survived (the runtime may already be refilling it) ...
    expect(await probe.get('sentinel')).toBeNull();
    probe.disconnect();
    // ... and the reconcile step puts the schedule table back without a process restart.
    await until('schedules re-registered', async () => (await schedulerIds(s.rt)).length === expected.length, 15_000);
    expect(await schedulerIds(s.rt)).toEqual(expected);

    const at = new Date(FROZEN.getTime() - 5 * 3_600_000);
    const job = await s.rt.queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at.toISOString() });
    await completes(s.rt, job.id as string);
  }, 60_000);
});
