import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@streamscope/config';
import { HelixClient } from '@streamscope/connectors';
import { migrate, openDatabase, type Database } from '@streamscope/db';
import { connectRedis, DEFAULT_JOB_OPTIONS } from '@streamscope/queues';
import { startSimulator, type Simulator } from '@streamscope/simulator';
import { createLogger } from '@streamscope/telemetry';
import { createTestDatabase, createTestRedis, startPrivateRedis, type TestDatabase, type TestRedis } from '@streamscope/testing';
import { startWorkerRuntime, type WorkerRuntime } from '../runtime';

/** Issue #8 cases 5 (eviction policy), 6 (forged payloads) and 7 (Redis memory under load). */
const FROZEN = new Date('2026-11-20T20:00:00Z');
const logger = createLogger({ level: 'silent' });

let testDb: TestDatabase;
let testRedis: TestRedis;
let db: Database;
let sim: Simulator;
const clients: Redis[] = [];
let rt: WorkerRuntime;

beforeAll(async () => {
  testDb = await createTestDatabase('relqueue');
  testRedis = createTestRedis('relqueue');
  db = await openDatabase({ kind: 'server', url: testDb.url, poolSize: 3 });
  await migrate(db, { compressAfterDays: 7, rawRetentionDays: 90 });
  sim = await startSimulator({ seed: 5, channels: 300, port: 0, clock: () => FROZEN });
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

async function settle(queue: Queue, id: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getJobState(id);
    if (state === 'completed' || state === 'failed') return state;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('forged and malformed job payloads (added straight to the queue, as Bull Board would)', () => {
  it('fail without retry, write nothing, and the valid jobs between them still run', async () => {
    const twitch = rt.queues.byName.twitch;
    const maintenance = rt.queues.byName.maintenance;
    const at = (h: number) => new Date(FROZEN.getTime() - h * 3_600_000).toISOString();
    const forged: Array<[Queue, string, unknown]> = [
      [twitch, 'twitch.sweep-streams', { trigger: 'manual', sql: 'drop table twitch_sweeps' }],
      [twitch, 'twitch.sweep-streams', { trigger: 'manual', at: 'yesterday' }],
      [twitch, 'twitch.sweep-streams', { trigger: 'nope' }],
      [twitch, 'twitch.sweep-streams', null],
      [twitch, 'twitch.sweep-streams', ['trigger', 'manual']],
      [twitch, 'twitch.sweep-streams', 'manual'],
      [twitch, 'twitch.backfill', { trigger: 'manual', days: 100_000, spacingSeconds: 1 }],
      [twitch, 'twitch.backfill', { trigger: 'manual', days: 1.5, spacingSeconds: 3600 }],
      [twitch, 'shell.exec', { trigger: 'manual', cmd: 'rm -rf /' }],
      [twitch, '__proto__', { trigger: 'manual' }],
      [twitch, 'maintenance.run', { trigger: 'manual' }], // valid job, wrong queue
      [maintenance, 'maintenance.run', { trigger: 'manual', extra: 'x'.repeat(100_000) }],
      [maintenance, 'twitch.sweep-streams', { trigger: 'manual', at: at(1) }], // valid job, wrong queue
    ];
    const valid: Array<[string, string]> = [];
    const bad: Array<[Queue, string]> = [];
    for (const [k, [queue, name, data]] of forged.entries()) {
      const job = await queue.add(name, data as object, { attempts: 5, backoff: { type: 'fixed', delay: 100 } });
      bad.push([queue, job.id as string]);
      // A valid sweep (its own slot) after every forged job: the queue must keep flowing.
      if (queue === twitch) {
        const good = await rt.queues.enqueue('twitch.sweep-streams', { trigger: 'backfill', at: at(k + 2) });
        valid.push([good.id as string, at(k + 2)]);
      }
    }

    for (const [queue, id] of bad) {
      expect(await settle(queue, id)).toBe('failed');
      const job = (await queue.getJob(id)) as Job;
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toMatch(/invalid job/);
    }
    for (const [id] of valid) expect(await settle(twitch, id)).toBe('completed');

    // Only the valid jobs left a trace: one sweep each, one run each; forged ids wrote nothing.
    const sweeps = await db.query<{ ts: Date }>('select ts from twitch_sweeps order by ts');
    expect(sweeps.map((s) => new Date(s.ts).toISOString()).sort()).toEqual(valid.map(([, ts]) => ts).sort());
    const runs = await db.query<{ job_id: string }>('select job_id from ingestion_runs');
    expect(runs.map((r) => r.job_id).sort()).toEqual(valid.map(([id]) => id).sort());
    const maint = await db.query<{ n: string }>("select count(*)::text as n from ingestion_runs where job = 'maintenance.run'");
    expect(Number(maint[0]?.n)).toBe(0);
  }, 60_000);
});

describe('Redis eviction policy', () => {
  it('connectRedis warns loudly, naming the policy, when it is not noeviction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ss-evict-'));
    const lru = await startPrivateRedis({ persistence: false, maxmemoryPolicy: 'allkeys-lru' });
    const safe = await startPrivateRedis({ persistence: false, maxmemoryPolicy: 'noeviction' });
    try {
      const warnings: Array<{ obj: object; msg: string }> = [];
      const log = { info: () => undefined, warn: (obj: object, msg: string) => warnings.push({ obj, msg }) };
      const h = await connectRedis({ url: lru.url, explicit: true, startPrivate: 'never', dataDir: dir }, log);
      expect(h.evictionPolicy).toBe('allkeys-lru');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.obj).toEqual({ evictionPolicy: 'allkeys-lru' });
      expect(warnings[0]?.msg).toMatch(/maxmemory-policy is "allkeys-lru".*lose jobs or schedules.*noeviction/);
      await h.stop();

      const quiet: string[] = [];
      const ok = await connectRedis(
        { url: safe.url, explicit: true, startPrivate: 'never', dataDir: dir },
        { info: () => undefined, warn: (_o, m) => quiet.push(m) },
      );
      expect(ok.evictionPolicy).toBe('noeviction');
      expect(quiet).toEqual([]);
      await ok.stop();
    } finally {
      await lru.destroy();
      await safe.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * 70,000 jobs (100,000 took 35 s alone and over 100 s on a loaded 2-core machine), every tenth failing, through a no-op worker with the production trimming
 * options. Attempts are 1 here: with the production backoff (10 s, exponential) the failing
 * tenth would sit in "delayed" for minutes; trimming is what is measured.
 */
const LOAD_JOBS = 70_000;

describe('Redis memory under a long run', () => {
  it(`stays flat over ${LOAD_JOBS} jobs with 10% failing: finished jobs are trimmed by count`, async () => {
    const server = await startPrivateRedis({ persistence: false });
    const conn = new Redis(server.url, { maxRetriesPerRequest: null });
    const admin = new Redis(server.url);
    const opts = { ...DEFAULT_JOB_OPTIONS, attempts: 1 };
    const queue = new Queue('memtest', { connection: conn, prefix: 'mem', defaultJobOptions: opts });
    const workerConn = new Redis(server.url, { maxRetriesPerRequest: null });
    let finished = 0;
    const worker = new Worker(
      'memtest',
      async (job) => {
        if ((job.data as { n: number }).n % 10 === 0) throw new Error('planned failure');
        return { ok: true };
      },
      { connection: workerConn, prefix: 'mem', concurrency: 200 },
    );
    worker.on('completed', () => (finished += 1));
    worker.on('failed', () => (finished += 1));
    try {
      const memory = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
      const push = async (from: number, count: number) => {
        for (let k = from; k < from + count; k += 1_000) {
          await queue.addBulk(Array.from({ length: 1_000 }, (_, i) => ({ name: 'noop', data: { n: k + i, pad: 'p'.repeat(200) } })));
          // Keep the backlog small so memory reflects what is retained, not what is queued.
          while (finished < k - 5_000) await new Promise((r) => setTimeout(r, 20));
        }
        while (finished < from + count) await new Promise((r) => setTimeout(r, 20));
      };
      // Past 50,000 jobs both caps (1,000 completed, 5,000 failed) are full; from there nothing may grow.
      const warm = 55_000;
      await push(0, warm);
      const memWarm = await memory();
      const keysWarm = await admin.dbsize();
      await push(warm, LOAD_JOBS - warm);
      const memEnd = await memory();
      const keysEnd = await admin.dbsize();

      const keepDone = (opts.removeOnComplete as { count: number }).count;
      const keepFailed = (opts.removeOnFail as { count: number }).count;
      expect(await queue.getCompletedCount()).toBeLessThanOrEqual(keepDone);
      expect(await queue.getFailedCount()).toBeLessThanOrEqual(keepFailed);
      // One hash per retained job plus a handful of queue keys, whatever the number of jobs run.
      expect(keysEnd).toBeLessThanOrEqual(keepDone + keepFailed + 20);
      expect(keysEnd - keysWarm).toBeLessThanOrEqual(20);
      // Flat: 15,000 more jobs (each ~0.5 KB retained if untrimmed = ~7 MB) add under 3 MB.
      expect(memEnd - memWarm).toBeLessThan(3 * 1024 * 1024);
    } finally {
      await worker.close();
      await queue.close();
      conn.disconnect();
      workerConn.disconnect();
      admin.disconnect();
      await server.destroy();
    }
  }, 180_000);
});
