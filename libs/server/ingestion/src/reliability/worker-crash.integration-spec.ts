import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { Queues } from '@streamscope/queues';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { killChild, startWorkerChild, type WorkerChild } from './child-process';
import type { ChildSettings } from './worker-child';

/**
 * Worker processes killed with SIGKILL mid-sweep and mid-write (issue #8, case 1), and stopped
 * with SIGTERM (case 2). The simulator runs here, in the test process, so it outlives the workers.
 */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const TUNING = { lockDurationMs: 2_000, stalledIntervalMs: 1_000, maxStalledCount: 2 };

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let sim: Simulator;
let queues: Queues;
let redis: Redis;
const children: WorkerChild[] = [];

function settings(extra: Partial<ChildSettings> = {}): ChildSettings {
  return {
    databaseUrl: testDb.url,
    redisUrl: testRedis.url,
    prefix: testRedis.prefix,
    helix: { clientId: sim.clientId, clientSecret: sim.clientSecret, apiUrl: sim.twitchApiUrl, authUrl: sim.twitchAuthUrl },
    tuning: TUNING,
    ...extra,
  };
}

async function child(extra: Partial<ChildSettings> = {}): Promise<WorkerChild> {
  const c = await startWorkerChild(settings(extra));
  children.push(c);
  return c;
}

interface Snapshot {
  sweeps: number;
  rows: number;
  totals: number;
}

/** One statement, so one MVCC snapshot: a half-written sweep would show up as a mismatch. */
async function observe(ts: Date): Promise<Snapshot> {
  const rows = await db.query<{ s: string; n: string; t: string }>(
    `select (select count(*) from twitch_sweeps where ts = $1)::text as s,
            (select count(*) from twitch_stream_snapshots where ts = $1)::text as n,
            (select count(*) from twitch_sweep_totals where ts = $1)::text as t`,
    [ts.toISOString()],
  );
  return { sweeps: Number(rows[0]?.s), rows: Number(rows[0]?.n), totals: Number(rows[0]?.t) };
}

/** Polls until stopped; records every observation that is neither "nothing" nor "everything". */
function watchForPartial(ts: Date, expectedRows: number) {
  const partial: Snapshot[] = [];
  let polls = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const o = await observe(ts).catch(() => null);
      if (o) {
        polls += 1;
        const none = o.sweeps === 0 && o.rows === 0 && o.totals === 0;
        const all = o.sweeps === 1 && o.rows === expectedRows && o.totals === 1;
        if (!none && !all) partial.push(o);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    partial,
    polls: () => polls,
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function jobState(id: string): Promise<string> {
  return queues.byName.twitch.getJobState(id);
}

async function waitForState(id: string, states: string[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await jobState(id);
    if (states.includes(s)) return s;
    if (Date.now() > deadline) throw new Error(`job ${id} is ${s}, expected ${states.join('|')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The stored sweep at `at` equals what the simulator says was live then: same ids, same counts, once each. */
async function expectSweepEqualsTruth(at: Date): Promise<void> {
  const truth = sim.world.liveStreamsAt(at);
  const stored = await db.query<{ stream_id: string; viewers: number }>(
    'select stream_id::text as stream_id, viewers from twitch_stream_snapshots where ts = $1 order by stream_id',
    [at.toISOString()],
  );
  expect(stored.length).toBe(truth.length);
  expect(new Set(stored.map((r) => r.stream_id)).size).toBe(stored.length);
  const expected = new Map(truth.map((s) => [s.id, s.viewer_count]));
  for (const r of stored) expect(r.viewers).toBe(expected.get(r.stream_id));
  const totals = await db.query<{ viewers: string; channels: number }>(
    'select viewers::text as viewers, channels from twitch_sweep_totals where ts = $1',
    [at.toISOString()],
  );
  expect(totals).toHaveLength(1);
  expect(Number(totals[0]?.viewers)).toBe(truth.reduce((a, s) => a + s.viewer_count, 0));
}

/** The job's run records: one per attempt, none left 'running', the last one succeeded. */
async function expectRunsClosed(jobId: string, failedAttempts: number): Promise<void> {
  const runs = await db.query<{ status: string; error: string | null }>(
    'select status, error from ingestion_runs where job_id = $1 order by id',
    [jobId],
  );
  expect(runs.map((r) => r.status)).toEqual([...Array<string>(failedAttempts).fill('failed'), 'succeeded']);
  for (const r of runs.slice(0, failedAttempts)) expect(r.error).toMatch(/attempt abandoned/);
}

beforeAll(async () => {
  testDb = await createTestDatabase('relcrash');
  testRedis = createTestRedis('relcrash');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 3 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 11, channels: 1_500, port: 0, clock: () => FROZEN });
  redis = new Redis(testRedis.url, { maxRetriesPerRequest: null });
  queues = new Queues({ connection: redis, prefix: testRedis.prefix });
});

afterAll(async () => {
  for (const c of children) await killChild(c);
  await queues?.close();
  redis?.disconnect();
  await sim?.close();
  await db?.close();
  await testDb?.drop();
  await testRedis?.cleanup();
});

describe('worker SIGKILLed', () => {
  it('mid-sweep: no partial sweep is ever visible, the stalled job reruns in another worker and stores exactly the truth', async () => {
    const at = new Date(FROZEN.getTime() - 3_600_000);
    const truth = sim.world.liveStreamsAt(at);
    const pages = Math.ceil(truth.length / 100) + 1;
    // A sweep of about 3 s, so the kill lands between pages.
    sim.faults.set({ latencyMs: Math.ceil(3_000 / pages) });
    const watch = watchForPartial(at, truth.length);

    const a = await child();
    const job = await queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at.toISOString() }, { jobId: 'kill-mid-sweep' });
    await a.waitFor(/"job active".*kill-mid-sweep|kill-mid-sweep.*job active/);
    await new Promise((r) => setTimeout(r, 1_200));
    await killChild(a);
    expect(await jobState(job.id as string)).toBe('active'); // its lock is still held by a dead process

    const b = await child();
    await waitForState(job.id as string, ['completed', 'failed'], 30_000);
    await watch.stop();

    const done = await queues.byName.twitch.getJob(job.id as string);
    expect(await jobState(job.id as string)).toBe('completed');
    expect(done?.returnvalue).toMatchObject({ status: 'succeeded' });
    expect(b.lines.some((l) => l.includes('kill-mid-sweep') && l.includes('job active'))).toBe(true);
    expect(watch.polls()).toBeGreaterThan(20);
    expect(watch.partial).toEqual([]);
    await expectSweepEqualsTruth(at);
    await expectRunsClosed('kill-mid-sweep', 1);
    sim.faults.reset();
  }, 60_000);

  it('mid-write (inside the sweep transaction): the transaction rolls back and the rerun stores exactly the truth', async () => {
    const at = new Date(FROZEN.getTime() - 2 * 3_600_000);
    const truth = sim.world.liveStreamsAt(at);
    const watch = watchForPartial(at, truth.length);
    const worker = children.find((c) => c.proc.exitCode === null && c.proc.signalCode === null) ?? (await child());

    // SHARE blocks the sweep's INSERT into the totals table but not our reads: the worker is
    // stopped inside its transaction, after its first inserts.
    const locker = new pg.Client({ connectionString: testDb.url });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE twitch_sweep_totals IN SHARE MODE');
    const job = await queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at.toISOString() }, { jobId: 'kill-mid-write' });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await locker.query<{ n: string }>(
        "select count(*)::text as n from pg_locks where not granted and relation = 'twitch_sweep_totals'::regclass",
      );
      if (Number(rows[0]?.n) > 0) break;
      if (Date.now() > deadline) {
        const state = await jobState(job.id as string);
        const act = await locker.query("select pid, state, wait_event_type, wait_event, pg_blocking_pids(pid) as b, left(query, 60) as q, (select string_agg(locktype || ':' || coalesce(relation::regclass::text, '') || ':' || mode || ':' || granted, ',') from pg_locks l where l.pid = a.pid) as locks from pg_stat_activity a where datname = current_database()");
        throw new Error(`the sweep never reached its write (job ${state}): ${JSON.stringify(act.rows)}\n${worker.lines.slice(-8).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await killChild(worker);
    await locker.query('ROLLBACK');
    await locker.end();

    await child();
    await waitForState(job.id as string, ['completed', 'failed'], 30_000);
    await watch.stop();
    expect(await jobState(job.id as string)).toBe('completed');
    expect(watch.partial).toEqual([]);
    await expectSweepEqualsTruth(at);
    await expectRunsClosed('kill-mid-write', 1);
  }, 60_000);

  it('a job that crashes its worker every time ends failed with a reason, and the next scheduled run still happens', async () => {
    for (const c of children.splice(0)) await killChild(c);
    // Long enough that the next run is not due while the poison job is crashing workers.
    const every = 60_000;
    await queues.upsertSchedule('crashy', 'twitch.top-games', every, { trigger: 'schedule' });
    const firstId = async () => {
      for (let i = 0; i < 100; i++) {
        const jobs = await queues.byName.twitch.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
        const ids = jobs.map((j) => String(j.id)).filter((id) => id.startsWith('repeat:crashy:')).sort();
        if (ids[0]) return ids[0];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no scheduled job');
    };
    const poison = await firstId();
    const crash = { crashInProcessor: true, tuning: { ...TUNING, maxStalledCount: 1 } };

    // Two processes die on it (each takes it after the previous one's lock expired) ...
    for (let i = 0; i < 2; i++) {
      const c = await child(crash);
      await Promise.race([c.exited, new Promise((_, rej) => setTimeout(() => rej(new Error('crash child did not take the job')), 20_000))]);
      expect(c.proc.signalCode).toBe('SIGKILL');
    }
    // ... then a healthy worker's stall check gives up on it.
    await child({ tuning: { ...TUNING, maxStalledCount: 1 } });
    const healthy = children[children.length - 1] as WorkerChild;
    await waitForState(poison, ['failed'], 20_000).catch(async (err: unknown) => {
      const j = await queues.byName.twitch.getJob(poison);
      throw new Error(`${String(err)} stalledCounter=${j?.stalledCounter}\n${healthy.lines.join('\n')}`);
    });
    const failed = await queues.byName.twitch.getJob(poison);
    expect(failed?.failedReason).toMatch(/worker process died 2 times while running this job/);
    const poisonRuns = await db.query<{ status: string }>('select status from ingestion_runs where job_id = $1', [poison]);
    expect(poisonRuns.map((r) => r.status)).toEqual(['failed', 'failed']);

    // The schedule goes on: its next run is already waiting; bring it forward instead of waiting a minute.
    const pending = await queues.byName.twitch.getJobs(['delayed', 'waiting']);
    const next = pending.find((j) => String(j.id).startsWith('repeat:crashy:') && j.id !== poison);
    expect(next).toBeDefined();
    expect(Number(String(next?.id).split(':').pop())).toBeGreaterThan(Number(poison.split(':').pop()));
    if ((await next?.getState()) === 'delayed') await next?.promote();
    await waitForState(String(next?.id), ['completed', 'failed'], 20_000);
    expect(await jobState(String(next?.id))).toBe('completed');
    const later = await db.query<{ status: string }>('select status from ingestion_runs where job_id = $1', [String(next?.id)]);
    expect(later.map((r) => r.status)).toEqual(['succeeded']);
    await queues.byName.twitch.removeJobScheduler('crashy');
  }, 60_000);
});

describe('worker SIGTERMed', () => {
  it('finishes the active sweep, takes no new job, and exits 0 within the grace period', async () => {
    for (const c of children.splice(0)) await killChild(c);
    const at = new Date(FROZEN.getTime() - 3 * 3_600_000);
    const next = new Date(FROZEN.getTime() - 4 * 3_600_000);
    const truth = sim.world.liveStreamsAt(at);
    sim.faults.set({ latencyMs: Math.ceil(2_500 / (Math.ceil(truth.length / 100) + 1)) });
    const w = await child({ graceMs: 20_000 });
    const job = await queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at.toISOString() }, { jobId: 'term-active' });
    const queued = await queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: next.toISOString() }, { jobId: 'term-queued' });
    await w.waitFor(/term-active/);
    await new Promise((r) => setTimeout(r, 500));
    const sent = Date.now();
    w.proc.kill('SIGTERM');
    const exit = await w.exited;
    const took = Date.now() - sent;

    expect({ ...exit, lines: exit.code === 0 ? [] : w.lines.slice(-15) }).toEqual({ code: 0, signal: null, lines: [] });
    expect(took).toBeLessThan(20_000);
    expect(await jobState(job.id as string)).toBe('completed');
    await expectSweepEqualsTruth(at);
    // The second job was never taken: still waiting, nothing of it stored.
    expect(await jobState(queued.id as string)).toBe('waiting');
    expect(w.lines.some((l) => l.includes('term-queued'))).toBe(false);
    expect((await observe(next)).sweeps).toBe(0);
    sim.faults.reset();
  }, 60_000);
});
