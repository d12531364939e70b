import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type AppConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startWorkerRuntime, type WorkerRuntime } from './runtime';

const logger = createLogger({ level: 'silent' });
const FROZEN = new Date('2026-11-20T20:00:00Z');

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let sim: Simulator;
const clients: Redis[] = [];
const runtimes: WorkerRuntime[] = [];

function redis(): Redis {
  const c = new Redis(testRedis.url, { maxRetriesPerRequest: null });
  clients.push(c);
  return c;
}

function helix(): HelixClient {
  return new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl });
}

async function runtime(config: AppConfig, schedules = false): Promise<WorkerRuntime> {
  const r = await startWorkerRuntime({
    config,
    logger,
    db,
    connection: redis(),
    publisher: redis(),
    prefix: testRedis.prefix,
    helix: helix(),
    simulated: true,
    schedules,
  });
  runtimes.push(r);
  return r;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.query<{ n: string | number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

beforeAll(async () => {
  testDb = await createTestDatabase('ingestion');
  testRedis = createTestRedis('ingestion');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 7, channels: 600, port: 0, clock: () => FROZEN });
});

afterAll(async () => {
  for (const r of runtimes) await r.close();
  for (const c of clients) c.disconnect();
  await sim?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

describe('sweep job through BullMQ', () => {
  it('stores exactly the live streams the simulator reports, under one timestamp, once', async () => {
    const config = parseConfig({ BACKFILL_DAYS: '0' });
    const rt = await runtime(config);
    const job = await rt.queues.enqueue('twitch.sweep-streams', { trigger: 'manual' });
    const events = rt.workers.find((w) => w.name === 'twitch');
    expect(events).toBeDefined();
    await waitForJob(rt, job.id as string);

    const truth = sim.world.liveStreamsAt(FROZEN);
    expect(truth.length).toBeGreaterThan(100);
    const stored = await db.query<{ stream_id: string; viewers: number; ts: Date }>(
      'select stream_id::text as stream_id, viewers, ts from twitch_stream_snapshots order by stream_id',
    );
    expect(stored.length).toBe(truth.length);
    expect(new Set(stored.map((r) => new Date(r.ts).getTime())).size).toBe(1);
    const expected = new Map(truth.map((s) => [s.id, s.viewer_count]));
    for (const r of stored) expect(r.viewers).toBe(expected.get(r.stream_id));
    const totals = await db.query<{ viewers: string; channels: number }>('select viewers::text as viewers, channels from twitch_sweep_totals');
    expect(Number(totals[0]?.viewers)).toBe(truth.reduce((a, s) => a + s.viewer_count, 0));
    expect(totals[0]?.channels).toBe(truth.length);

    // The same slot again: nothing fetched twice, nothing written twice.
    const again = await rt.queues.enqueue('twitch.sweep-streams', { trigger: 'manual' });
    const outcome = await waitForJob(rt, again.id as string);
    expect(outcome).toMatchObject({ status: 'skipped' });
    expect(await count('select count(*) as n from twitch_stream_snapshots')).toBe(truth.length);
    expect(await count("select count(*) as n from ingestion_runs where job = 'twitch.sweep-streams'")).toBe(2);
  });

  it('fails a forged payload without retrying and writes nothing', async () => {
    const rt = runtimes[0] as WorkerRuntime;
    const before = await count('select count(*) as n from twitch_sweeps');
    const job = await rt.queues.byName.twitch.add('twitch.sweep-streams', { trigger: 'manual', sql: 'drop table twitch_sweeps' }, { attempts: 5 });
    await expect(waitForJob(rt, job.id as string)).rejects.toThrow(/invalid job/);
    const fresh = await rt.queues.byName.twitch.getJob(job.id as string);
    expect(fresh?.attemptsMade).toBe(1);
    expect(await count('select count(*) as n from twitch_sweeps')).toBe(before);
  });
});

describe('two worker runtimes on one Redis', () => {
  it('run each scheduled sweep slot once', async () => {
    // Only the two runtimes under test may consume this schedule.
    for (const r of runtimes.splice(0)) await r.close();
    await db.query('truncate twitch_sweeps, twitch_stream_snapshots, twitch_sweep_totals, twitch_sweep_games, twitch_sweep_languages, twitch_sweep_game_languages');
    // A 2-second schedule keeps the test short; the mechanism is the same at 5 minutes.
    const config = { ...parseConfig({ BACKFILL_DAYS: '0' }), SWEEP_INTERVAL_SECONDS: 2 };
    const a = await runtime(config);
    const b = await runtime(config);
    await a.queues.upsertSchedule('test-sweeps', 'twitch.sweep-streams', 2_000, { trigger: 'schedule' });
    await b.queues.upsertSchedule('test-sweeps', 'twitch.sweep-streams', 2_000, { trigger: 'schedule' });
    await new Promise((r) => setTimeout(r, 9_000));
    await a.queues.byName.twitch.removeJobScheduler('test-sweeps');

    const schedulers = await a.queues.byName.twitch.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === 'test-sweeps')).toHaveLength(0);
    const sweeps = await db.query<{ ts: Date }>('select ts from twitch_sweeps order by ts');
    expect(sweeps.length).toBeGreaterThanOrEqual(3);
    const slots = sweeps.map((s) => new Date(s.ts).getTime());
    expect(new Set(slots).size).toBe(slots.length);
    for (const t of slots) expect(t % 2_000).toBe(0);
    // Each run was taken by exactly one worker: runs recorded = sweeps written (+ none skipped).
    const runs = await db.query<{ status: string; n: string }>(
      "select status, count(*)::text as n from ingestion_runs where job = 'twitch.sweep-streams' and job_id like 'repeat:%' group by status",
    );
    const byStatus = Object.fromEntries(runs.map((r) => [r.status, Number(r.n)]));
    expect(byStatus.succeeded).toBe(sweeps.length);
    expect(byStatus.skipped ?? 0).toBe(0);
  }, 30_000);
});

async function waitForJob(rt: WorkerRuntime, id: string, timeoutMs = 20_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await rt.queues.byName.twitch.getJobState(id);
    if (state === 'completed' || state === 'failed') {
      const job = await rt.queues.byName.twitch.getJob(id);
      if (state === 'completed') return job?.returnvalue;
      throw new Error(job?.failedReason ?? 'failed');
    }
    if (Date.now() > deadline) throw new Error(`job ${id} still ${state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('shutdown during a backfill', () => {
  it('interrupts the backfill between slots; the retry stores the remaining slots once', async () => {
    for (const r of runtimes.splice(0)) await r.close();
    await db.query('truncate twitch_sweeps, twitch_stream_snapshots, twitch_sweep_totals, twitch_sweep_games, twitch_sweep_languages, twitch_sweep_game_languages');
    const config = parseConfig({ BACKFILL_DAYS: '0' });
    sim.faults.set({ latencyMs: 40 });
    const first = await runtime(config);
    const job = await first.queues.enqueue(
      'twitch.backfill',
      { trigger: 'manual', days: 1, spacingSeconds: 3600 },
      { attempts: 3, backoff: { type: 'fixed', delay: 200 } },
    );
    const slots = 24;
    for (let i = 0; i < 400 && (await count('select count(*) as n from twitch_sweeps')) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await first.close();
    runtimes.splice(runtimes.indexOf(first), 1);
    const stored = await count('select count(*) as n from twitch_sweeps');
    expect(stored).toBeGreaterThanOrEqual(2);
    expect(stored).toBeLessThan(slots);
    const state = await first.queues.byName.twitch.getJobState(job.id as string).catch(() => 'unknown');
    expect(['delayed', 'waiting', 'wait', 'unknown']).toContain(state);
    // Every stored sweep is whole: its totals row agrees with its snapshots.
    const torn = await count(`select count(*) as n from twitch_sweeps s
      where (select count(*) from twitch_stream_snapshots x where x.ts = s.ts) <> (select channels from twitch_sweep_totals t where t.ts = s.ts)`);
    expect(torn).toBe(0);

    sim.faults.reset();
    const second = await runtime(config);
    await waitForJob(second, job.id as string, 60_000);
    const sweeps = await db.query<{ ts: Date }>('select ts from twitch_sweeps order by ts');
    expect(sweeps.length).toBeGreaterThanOrEqual(slots - 1);
    expect(new Set(sweeps.map((r) => new Date(r.ts).getTime())).size).toBe(sweeps.length);
  }, 90_000);
});

