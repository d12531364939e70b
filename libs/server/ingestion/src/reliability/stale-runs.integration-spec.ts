import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { reapStaleRuns, STALE_RUN_REASON } from '../processors/maintenance/stale-runs';
import { startWorkerRuntime, type WorkerRuntime } from '../runtime';

/**
 * Issue #8 case 1c: run records left `running` by attempts whose worker died and whose job never
 * ran again are closed by the maintenance job; live runs (however old) and young runs are not.
 */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const LOCK_MS = 2_000;
const logger = createLogger({ level: 'silent' });

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let sim: Simulator;
let rt: WorkerRuntime;
const clients: Redis[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase('relstale');
  testRedis = createTestRedis('relstale');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 4 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 17, channels: 300, port: 0, clock: () => FROZEN });
  const conn = () => {
    const c = new Redis(testRedis.url, { maxRetriesPerRequest: null });
    clients.push(c);
    return c;
  };
  rt = await startWorkerRuntime({
    config: parseConfig({ BACKFILL_DAYS: '0' }),
    logger,
    db,
    connection: conn(),
    publisher: conn(),
    prefix: testRedis.prefix,
    helix: new HelixClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl }),
    simulated: true,
    schedules: false,
    tuning: { lockDurationMs: LOCK_MS, stalledIntervalMs: 1_000 },
  });
});

afterAll(async () => {
  await rt?.close();
  for (const c of clients) c.disconnect();
  await sim?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

async function insertRun(job: string, jobId: string, startedAgoMs: number): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO ingestion_runs (source, job, job_id, status, started_at) VALUES ('twitch', $1, $2, 'running', now() - $3 * interval '1 millisecond') RETURNING id::text AS id`,
    [job, jobId, startedAgoMs],
  );
  return rows[0]!.id;
}

async function statusOf(id: string): Promise<{ status: string; error: string | null }> {
  const rows = await db.query<{ status: string; error: string | null }>('select status, error from ingestion_runs where id = $1::bigint', [id]);
  return rows[0]!;
}

async function settle(queue: 'twitch' | 'maintenance', id: string): Promise<string> {
  const q = rt.queues.byName[queue];
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await q.getJobState(id);
    if (state === 'completed' || state === 'failed') return state;
    if (Date.now() > deadline) throw new Error(`job ${id} is still ${state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('stale run records', () => {
  it('closes dead attempts older than the lock duration, never a live one, and the maintenance job does it', async () => {
    // A live sweep, held inside its write transaction, whose run record looks an hour old.
    const locker = new pg.Client({ connectionString: testDb.url });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE twitch_sweep_totals IN SHARE MODE');
    const at = new Date(FROZEN.getTime() - 3_600_000);
    const job = await rt.queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at.toISOString() }, { attempts: 1 });
    for (let i = 0; ; i++) {
      const { rows } = await locker.query<{ n: number }>("select count(*)::int as n from pg_locks where relation = 'twitch_sweep_totals'::regclass and not granted");
      if ((rows[0]?.n ?? 0) > 0) break;
      if (i > 400) throw new Error('the sweep never reached its write');
      await new Promise((r) => setTimeout(r, 50));
    }
    const liveRows = await db.query<{ id: string }>("select id::text as id from ingestion_runs where job_id = $1 and status = 'running'", [job.id]);
    expect(liveRows.length).toBe(1);
    const live = liveRows[0]!.id;
    await db.query("update ingestion_runs set started_at = now() - interval '1 hour' where id = $1::bigint", [live]);

    // A dead attempt (its job is gone from Redis), a young one, and one that no job wrote.
    const dead = await insertRun('twitch.sweep-streams', '987654', 3_600_000);
    const young = await insertRun('twitch.top-games', '987655', 0);
    const foreign = await insertRun('legacy.import', '1', 3_600_000);

    expect(await reapStaleRuns(rt.context, Date.now())).toEqual({ closed: 1, live: 1 });
    expect(await statusOf(dead)).toEqual({ status: 'failed', error: STALE_RUN_REASON });
    expect((await statusOf(live)).status).toBe('running');
    expect((await statusOf(young)).status).toBe('running');
    expect((await statusOf(foreign)).status).toBe('running');

    // The live sweep is unaffected: it finishes and records its own success.
    await locker.query('ROLLBACK');
    await locker.end();
    expect(await settle('twitch', job.id as string)).toBe('completed');
    expect(await statusOf(live)).toEqual({ status: 'succeeded', error: null });

    // Once the young one is older than the lock duration, the scheduled maintenance job closes it.
    await db.query("update ingestion_runs set started_at = now() - interval '1 hour' where id = $1::bigint", [young]);
    const maintenance = await rt.queues.enqueue('maintenance.run', { trigger: 'manual' }, { attempts: 1 });
    expect(await settle('maintenance', maintenance.id as string)).toBe('completed');
    expect(await statusOf(young)).toEqual({ status: 'failed', error: STALE_RUN_REASON });
    const finished = await rt.queues.byName.maintenance.getJob(maintenance.id as string);
    expect((finished?.returnvalue as { reason: string }).reason).toContain('stale runs {"closed":1,"live":0}');
    // Its own run record (running while it reaped) is intact.
    const own = await db.query<{ status: string }>('select status from ingestion_runs where job_id = $1 and job = $2', [maintenance.id, 'maintenance.run']);
    expect(own.map((r) => r.status)).toEqual(['succeeded']);
    expect((await statusOf(foreign)).status).toBe('running');
  }, 60_000);
});
