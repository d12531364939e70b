import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { startWorkerRuntime, type WorkerRuntime } from '@streamscope/ingestion';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startApiHarness, type Harness } from '../../testing/api-harness';

/**
 * An interval override of the stream sweep (setScheduleInterval) must change what a sweep stands
 * for, not only how often it runs: the worker stores sample_seconds = the interval it ran at,
 * aligned to that interval, and the API reports it, all without a restart.
 * 420 s configured and 600 s overridden: neither divides the other, so a sweep aligned to the
 * wrong interval shows.
 */
const CONFIGURED = 420;
const OVERRIDE = 600;
const FROZEN = new Date('2026-11-20T20:00:00Z');
const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' };
const SWEEP_TABLES = 'twitch_sweeps, twitch_stream_snapshots, twitch_sweep_totals, twitch_sweep_games, twitch_sweep_languages, twitch_sweep_game_languages';

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let sim: Simulator;
let rt: WorkerRuntime;
let api: Harness;
const clients: Redis[] = [];

interface SweepRow {
  ts: number;
  sampleSeconds: number;
  jobId: string;
}

beforeAll(async () => {
  testDb = await createTestDatabase('sweepinterval');
  testRedis = createTestRedis('sweepinterval');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 11, channels: 300, port: 0, clock: () => FROZEN });
  const conn = () => {
    const c = new Redis(testRedis.url, { maxRetriesPerRequest: null });
    clients.push(c);
    return c;
  };
  rt = await startWorkerRuntime({
    config: { ...parseConfig({ BACKFILL_DAYS: '0', LOG_LEVEL: 'silent' }), SWEEP_INTERVAL_SECONDS: CONFIGURED },
    logger: createLogger({ level: 'silent' }),
    db,
    connection: conn(),
    publisher: conn(),
    prefix: testRedis.prefix,
    helix: new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl }),
    simulated: true,
  });
  api = await startApiHarness({ db, redisUrl: testRedis.url, prefix: testRedis.prefix, env: { SWEEP_INTERVAL_SECONDS: String(CONFIGURED) } });
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

/** The sweeps stored so far, each with the job that wrote it. */
async function sweeps(): Promise<SweepRow[]> {
  const rows = await db.query<{ ts: Date; sample_seconds: number; job_id: string }>(
    `SELECT s.ts, s.sample_seconds, r.job_id FROM twitch_sweeps s
     JOIN ingestion_runs r ON r.job = 'twitch.sweep-streams' AND r.status = 'succeeded' AND r.started_at <= s.started_at AND r.finished_at >= s.finished_at
     ORDER BY s.ts`,
  );
  return rows.map((r) => ({ ts: new Date(r.ts).getTime(), sampleSeconds: r.sample_seconds, jobId: r.job_id }));
}

async function firstSweep(): Promise<SweepRow> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [row] = await sweeps();
    if (row) return row;
    if (Date.now() > deadline) throw new Error('no sweep stored');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * No job waiting or running on any queue (the scheduled ones are delayed), so the truncate does
 * not race a sweep write. Other queues count too: the maintenance job reads the same tables.
 */
async function idle(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const counts = await Promise.all(rt.queues.all().map((q) => q.getJobCounts('wait', 'active', 'prioritized')));
    if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
    if (Date.now() > deadline) throw new Error(`queues still busy: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Empties the sweep tables once every queue is idle. A scheduled job can still start between the
 * check and the TRUNCATE; its locks then make Postgres pick a deadlock victim, so that case retries.
 */
async function clearSweeps(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await idle();
    try {
      await db.query(`TRUNCATE ${SWEEP_TABLES}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
    }
  }
}

async function admin<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const { body } = await api.gql<T>(query, variables, ADMIN);
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

interface Reported {
  pipeline: { freshness: { sweepIntervalSeconds: number; secondsSinceLastSweep: number | null; intervalsBehind: number | null } };
  systemInfo: { sweepIntervalSeconds: number };
}

async function reported(): Promise<Reported> {
  const { body } = await api.gql<Reported>(
    '{ pipeline(limit: 1) { freshness { sweepIntervalSeconds secondsSinceLastSweep intervalsBehind } } systemInfo { sweepIntervalSeconds } }',
  );
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const SET = 'mutation($every: Int!) { setScheduleInterval(id: "twitch-sweep-streams", everySeconds: $every) { everySeconds overridden } }';
const RESET = 'mutation { resetScheduleInterval(id: "twitch-sweep-streams") { everySeconds overridden } }';

describe('sweep interval override', () => {
  it('before any override: sweeps and the API use the configured interval', async () => {
    const sweep = await firstSweep();
    expect(sweep.sampleSeconds).toBe(CONFIGURED);
    expect(sweep.ts % (CONFIGURED * 1000)).toBe(0);
    const r = await reported();
    expect(r.pipeline.freshness.sweepIntervalSeconds).toBe(CONFIGURED);
    expect(r.systemInfo.sweepIntervalSeconds).toBe(CONFIGURED);
  });

  it('an override makes the next scheduled sweep stand for the new interval, and the API report it without restart', async () => {
    // Only sweeps written after the override count (the startup one may share its slot).
    await clearSweeps();
    // Upserting the scheduler fires its first run at once, now at the overridden interval.
    const { setScheduleInterval } = await admin<{ setScheduleInterval: { everySeconds: number; overridden: boolean } }>(SET, { every: OVERRIDE });
    expect(setScheduleInterval).toEqual({ everySeconds: OVERRIDE, overridden: true });

    const sweep = await firstSweep();
    expect(sweep.jobId).toMatch(/^repeat:twitch-sweep-streams:\d+$/);
    expect(sweep.sampleSeconds).toBe(OVERRIDE);
    expect(sweep.ts % (OVERRIDE * 1000)).toBe(0);
    const slot = Number(sweep.jobId.split(':')[2]);
    expect(sweep.ts).toBe(Math.floor(slot / (OVERRIDE * 1000)) * OVERRIDE * 1000);

    const r = await reported();
    expect(r.pipeline.freshness.sweepIntervalSeconds).toBe(OVERRIDE);
    expect(r.systemInfo.sweepIntervalSeconds).toBe(OVERRIDE);
    const age = r.pipeline.freshness.secondsSinceLastSweep!;
    expect(r.pipeline.freshness.intervalsBehind).toBeCloseTo(age / OVERRIDE, 9);
  });

  it('a one-off sweep (manual run) reads the override from the database', async () => {
    await clearSweeps();
    await rt.queues.enqueue('twitch.sweep-streams', { trigger: 'manual' });
    const sweep = await firstSweep();
    expect(sweep.jobId).not.toMatch(/^repeat:/);
    expect(sweep.sampleSeconds).toBe(OVERRIDE);
    expect(sweep.ts % (OVERRIDE * 1000)).toBe(0);
  });

  it('a reset returns the sweeps and the API to the configured interval', async () => {
    await clearSweeps();
    const { resetScheduleInterval } = await admin<{ resetScheduleInterval: { everySeconds: number; overridden: boolean } }>(RESET, {});
    expect(resetScheduleInterval).toEqual({ everySeconds: CONFIGURED, overridden: false });
    const sweep = await firstSweep();
    expect(sweep.sampleSeconds).toBe(CONFIGURED);
    expect(sweep.ts % (CONFIGURED * 1000)).toBe(0);
    const r = await reported();
    expect(r.pipeline.freshness.sweepIntervalSeconds).toBe(CONFIGURED);
    expect(r.systemInfo.sweepIntervalSeconds).toBe(CONFIGURED);
  });
});
